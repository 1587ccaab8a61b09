package dev.usermanagement.web;

import jakarta.ejb.ApplicationException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

/**
 * A request the service refuses, in the contract's words. Routine, so it carries no stack trace, and it
 * passes through EJB and transactional boundaries unwrapped, rolling back what the request had begun.
 */
@ApplicationException(rollback = true)
public abstract class ClientError extends RuntimeException {

    private final Response.StatusType status;

    protected ClientError(Response.StatusType status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public Response.StatusType status() {
        return status;
    }

    /** The DRF-shaped body: {"detail": message} unless a subclass knows better. */
    public JsonObject body() {
        return Json.createObjectBuilder().add("detail", getMessage()).build();
    }

    /** Headers the status needs (WWW-Authenticate, Retry-After, Allow). */
    public Response.ResponseBuilder decorate(Response.ResponseBuilder response) {
        return response;
    }
}
