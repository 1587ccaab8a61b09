package dev.usermanagement.users.control;

import dev.usermanagement.web.ClientError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** More logins and registrations waiting for a password hash than the queue timeout allows: try later. */
public class HashingBusy extends ClientError {

    private static final int RETRY_AFTER_SECONDS = 1;

    public HashingBusy() {
        super(Response.Status.SERVICE_UNAVAILABLE, "Service temporarily unavailable, try again later.");
    }

    @Override
    public Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
