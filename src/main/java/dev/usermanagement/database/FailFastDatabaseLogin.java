package dev.usermanagement.database;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query three times, 5 s apart, when the database connection fails. A client of
 * this service is better served by a quick 503 with Retry-After; the pool reconnects once the database
 * is back. Named by the system property eclipselink.session.customizer, which the server's start sets
 * (payara-config/system.properties, src/servers/run.sh), not by persistence.xml: Payara Server 6 does not
 * let a WAR see EclipseLink's session types, and a unit naming it would not deploy there.
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
