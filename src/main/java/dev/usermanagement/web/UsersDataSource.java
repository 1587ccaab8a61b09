package dev.usermanagement.web;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The database, pooled by the container. The URL is the MicroProfile Config setting users.db.url, whose
 * default is an H2 file in the data folder with WRITE_DELAY=0: each commit is on disk before the
 * response that reports it (STACK.md pitfall 7).
 */
@DataSourceDefinition(
        name = "java:app/jdbc/users",
        className = "org.h2.jdbcx.JdbcDataSource",
        url = "${MPCONFIG=users.db.url}",
        user = "${MPCONFIG=users.db.user}",
        password = "${MPCONFIG=users.db.password}",
        minPoolSize = 2,
        maxPoolSize = 32)
@ApplicationScoped
public class UsersDataSource {
}
