package dev.usermanagement.database;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database, pooled by the container, from MicroProfile Config: users.db.url (default an H2 file in the
 * data folder with WRITE_DELAY=0, so each commit is on disk before the response that reports it, STACK.md
 * pitfall 7), user and password. The data source class comes from the environment
 * (USERS_DB_DATASOURCE_CLASS, H2's by default). With PostgreSQL configured, Payara was seen building the pool
 * with H2's class at random, by ${MPCONFIG=} and by ${ENV=} alike: H2 is the supported database until that
 * is solved (README, "PostgreSQL").
 */
@DataSourceDefinition(
        name = "java:app/jdbc/users",
        className = "${ENV=USERS_DB_DATASOURCE_CLASS:org.h2.jdbcx.JdbcDataSource}",
        url = "${MPCONFIG=users.db.url}",
        user = "${MPCONFIG=users.db.user}",
        password = "${MPCONFIG=users.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32,
        // Bounded waits and self-healing connections: a database that went away and came back is used
        // again without a restart, and a request never waits more than a few seconds for a connection.
        properties = {
            "fish.payara.max-wait-time-in-millis=2000",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            "fish.payara.connection-creation-retry-attempts=0"
        })
@ApplicationScoped
public class UsersDataSource {
}
