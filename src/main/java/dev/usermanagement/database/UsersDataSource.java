package dev.usermanagement.database;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database, pooled by the container: ConfiguredDataSource reads users.db.url (default an H2 file in the
 * data folder with WRITE_DELAY=0, so each commit is on disk before the response that reports it, STACK.md
 * pitfall 7), user and password from MicroProfile Config.
 */
@DataSourceDefinition(
        name = "java:app/jdbc/users",
        className = "dev.usermanagement.database.ConfiguredDataSource",
        minPoolSize = 2,
        maxPoolSize = 32,
        // Bounded waits and self-healing connections: a database that went away and came back is used
        // again without a restart, and a request never waits more than a few seconds for a connection.
        properties = {
            // WildFly's pool refuses a DataSource class without a property; description is a standard one (JDBC 4.3, 9.6.1)
            "description=users.db.* from MicroProfile Config",
            "fish.payara.max-wait-time-in-millis=2000",
            "fish.payara.is-connection-validation-required=true",
            "fish.payara.connection-validation-method=auto-commit",
            "fish.payara.fail-all-connections=true",
            "fish.payara.connection-creation-retry-attempts=0"
        })
@ApplicationScoped
public class UsersDataSource {
}
