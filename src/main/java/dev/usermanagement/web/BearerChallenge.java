package dev.usermanagement.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** RFC 6750 section 3: a 401 for a protected resource names the scheme it wants. */
public abstract class BearerChallenge extends ClientError {

    public static final String SCHEME = "Bearer";

    protected BearerChallenge(String message) {
        super(Response.Status.UNAUTHORIZED, message);
    }

    @Override
    public Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.WWW_AUTHENTICATE, SCHEME);
    }
}
