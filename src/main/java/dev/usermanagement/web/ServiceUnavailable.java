package dev.usermanagement.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** 503 with the contract's text and a Retry-After (RFC 9110 section 10.2.3): the request may be sent again. */
public class ServiceUnavailable extends ClientError {

    private final long retryAfterSeconds;

    public ServiceUnavailable(long retryAfterSeconds) {
        super(Response.Status.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
}
