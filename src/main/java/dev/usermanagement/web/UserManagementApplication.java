package dev.usermanagement.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/** Bearer tokens on every resource are validated by the container's MicroProfile JWT. */
@ApplicationScoped // Payara's MP JWT needs the @LoginConfig class to be a CDI bean (STACK.md pitfall 2)
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
public class UserManagementApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        // An error response without a body (Jersey's own refusals) goes through sendError, so the
        // container's error page (web.xml, ErrorPageServlet) answers it in JSON; responses that carry
        // a body keep it. No generated XML description of the API is published.
        return Map.of(
                "jersey.config.server.response.setStatusOverSendError", false,
                "jersey.config.server.wadl.disableWadl", true);
    }
}
