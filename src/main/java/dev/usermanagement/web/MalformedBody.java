package dev.usermanagement.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** The body is not JSON, or JSON of the wrong shape. */
public class MalformedBody extends ClientError {

    private final boolean notAnObject;

    private MalformedBody(String message, boolean notAnObject) {
        super(Response.Status.BAD_REQUEST, message);
        this.notAnObject = notAnObject;
    }

    public static MalformedBody parseError(String reason) {
        return new MalformedBody("JSON parse error - " + reason, false);
    }

    public static MalformedBody notAnObject(String type) {
        return new MalformedBody("Invalid data. Expected a dictionary, but got " + type + ".", true);
    }

    @Override
    public JsonObject body() {
        return notAnObject
                ? Json.createObjectBuilder().add("non_field_errors", Json.createArrayBuilder().add(getMessage())).build()
                : super.body();
    }
}
