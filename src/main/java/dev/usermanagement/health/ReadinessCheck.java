package dev.usermanagement.health;

import dev.usermanagement.tokens.control.SigningKeys;
import dev.usermanagement.web.GracefulShutdown;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready means able to serve every endpoint: the database answers, a signing key is loaded, no shutdown runs. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Resource(lookup = "java:app/jdbc/users")
    DataSource database;

    @Inject
    SigningKeys keys;

    @Inject
    GracefulShutdown shutdown;

    @Inject
    @ConfigProperty(name = "users.health.database-timeout-seconds", defaultValue = "2")
    int timeoutSeconds;

    /**
     * Eager, so the data source is looked up in the application's naming context: WildFly asks the check
     * from a management thread, where java:app/ names do not resolve.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        // creating the bean is the point: its resources are injected now
    }

    @Override
    public HealthCheckResponse call() {
        boolean databaseAnswers = databaseAnswers();
        boolean keyLoaded = keys.loaded();
        boolean stopping = shutdown.draining();
        return HealthCheckResponse.named("user-management")
                .status(databaseAnswers && keyLoaded && !stopping)
                .withData("database", databaseAnswers)
                .withData("signing-key", keyLoaded)
                .withData("stopping", stopping)
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = database.getConnection()) {
            return connection.isValid(timeoutSeconds);
        } catch (SQLException unavailable) {
            return false;
        }
    }
}
