package dev.usermanagement.web;

import jakarta.json.Json;
import jakarta.json.JsonWriter;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The container's error pages (web.xml), so that a 401 from MicroProfile JWT, a 404 outside the API or a
 * 500 before JAX-RS is reached is JSON too and never Payara's HTML page.
 */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ErrorPageServlet.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer given ? given : HttpServletResponse.SC_NOT_FOUND;
        if (status == HttpServletResponse.SC_OK) {
            status = HttpServletResponse.SC_NOT_FOUND; // requested directly: it is not an API path
        }
        if (status == HttpServletResponse.SC_INTERNAL_SERVER_ERROR && bearerRefusedWithoutReason(request)) {
            status = HttpServletResponse.SC_UNAUTHORIZED;
        }
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            // Only MicroProfile JWT sends 401 through here: a Bearer token it could not validate. Routine,
            // so one line without the token (its own stack trace is silenced in pre-boot-commands.txt).
            LOG.log(Level.INFO, "Refused a Bearer token for {0} {1} from {2}",
                    new Object[] {request.getMethod(), request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), request.getRemoteAddr()});
            response.setHeader("WWW-Authenticate", BearerChallenge.SCHEME);
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            LOG.log(Level.SEVERE, "Request failed before the API was reached", failure);
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String message = ErrorBodies.forStatus(status, request.getMethod(), request.getContentType());
        try (JsonWriter writer = Json.createWriter(response.getOutputStream())) {
            writer.writeObject(ErrorBodies.detail(message));
        }
    }

    /**
     * SmallRye JWT (WildFly) answers a token whose kid names no key of the JWK Set with a bare 500: no
     * exception, nothing logged. To the caller that is a token this service never signed, a 401.
     */
    private static boolean bearerRefusedWithoutReason(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null
                && request.getHeader("Authorization") != null && request.getUserPrincipal() == null;
    }
}
