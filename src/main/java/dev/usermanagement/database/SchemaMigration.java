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

    @PostConstruct
    void migrate() {
        bringUpToDate(database);
    }

    /**
     * Also for what reads the database before this bean runs (the signing keys, which MicroProfile JWT asks
     * for while deploying); a second call finds nothing to do. Flyway locks the schema history, so instances
     * starting at once apply each migration once. Not an overload of migrate(): Payara Server 6 then called
     * this one as the @PostConstruct method, with no arguments.
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
