package dev.usermanagement.users.control;

import dev.usermanagement.web.ClientError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** 429 with the wait in seconds, in the body and in Retry-After (RFC 9110 section 10.2.3). */
public class Throttled extends ClientError {

    private final long seconds;

    public Throttled(long seconds) {
        super(Response.Status.TOO_MANY_REQUESTS, "Request was throttled. Expected available in " + seconds + " seconds.");
        this.seconds = seconds;
    }

    @Override
    public Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.RETRY_AFTER, seconds);
    }
}
