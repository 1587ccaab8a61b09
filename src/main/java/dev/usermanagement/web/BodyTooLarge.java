package dev.usermanagement.web;

import jakarta.ws.rs.core.Response;

public class BodyTooLarge extends ClientError {

    public BodyTooLarge() {
        super(Response.Status.REQUEST_ENTITY_TOO_LARGE, "Request body too large.");
    }
}
