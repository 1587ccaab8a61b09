package dev.usermanagement.web;

import dev.usermanagement.database.DatabaseOutage;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything not foreseen. A database that cannot answer is a 503 with Retry-After (the client may try
 * again); anything else is a bug, logged whole on the server, a bare JSON 500 to the client (ASVS 5 V16.5).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    private final ClientErrorMapper clientErrors = new ClientErrorMapper();

    @Inject
    @ConfigProperty(name = "users.http.retry-after-seconds", defaultValue = "5")
    long retryAfterSeconds;

    @Override
    public Response toResponse(Throwable failure) {
        if (DatabaseOutage.causedBy(failure)) {
            LOG.log(Level.WARNING, "Database unavailable: {0}", rootMessage(failure));
            return clientErrors.toResponse(new ServiceUnavailable(retryAfterSeconds));
        }
        LOG.log(Level.SEVERE, "Request failed", failure);
        return Response.serverError()
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBodies.detail(ErrorBodies.SERVER_ERROR))
                .build();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }
}
