package dev.usermanagement.database;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query three times, 5 s apart, when the database connection fails. A client of
 * this service is better served by a quick 503 with Retry-After; the pool reconnects once the database
 * is back.
 */
public class FailFastDatabaseLogin implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        if (session.getDatasourceLogin() instanceof DatabaseLogin login) {
            login.setQueryRetryAttemptCount(0);
            login.setDelayBetweenConnectionAttempts(0);
        }
    }
}
