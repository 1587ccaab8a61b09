package dev.usermanagement.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to the version this build expects, before the first request: versioned SQL in
 * db/migration, the same files for H2 and PostgreSQL, applied by Flyway in order and recorded in the
 * database, so an upgrade never depends on the ORM's guess at a schema change.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:app/jdbc/users")
    DataSource database;

    /** Set once this deployment has migrated: a static of the WAR's own class loader, so a redeploy checks again. */
    private static boolean upToDate;

    @PostConstruct
    void migrate() {
        ensureUpToDate(database);
    }

    /**
     * Also for what reads the database before this bean runs (the signing keys, which MicroProfile JWT asks
     * for while deploying). Only the first call of a deployment asks Flyway: each call validates every
     * migration against the schema history, which is start-up time spent for nothing the second time.
     */
    public static synchronized void ensureUpToDate(DataSource database) {
        if (!upToDate) {
            bringUpToDate(database);
            upToDate = true;
        }
    }

    /**
     * Flyway locks the schema history, so instances starting at once apply each migration once. Not an
     * overload of migrate(): Payara Server 6 then called this one as the @PostConstruct method, with no
     * arguments.
     */
    public static void bringUpToDate(DataSource database) {
        var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(database)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
