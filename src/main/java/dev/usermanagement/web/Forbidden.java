package dev.usermanagement.web;

import jakarta.ws.rs.core.Response;

/** Authenticated, but not allowed: the operator API for anyone who is not an operator now. */
public class Forbidden extends ClientError {

    public Forbidden() {
        super(Response.Status.FORBIDDEN, "You do not have permission to perform this action.");
    }
}
