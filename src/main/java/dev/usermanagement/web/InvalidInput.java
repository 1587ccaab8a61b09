package dev.usermanagement.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 400 with every failing field and all of its messages, in the order the fields were checked. */
public class InvalidInput extends ClientError {

    private final Map<String, List<String>> errors;

    public InvalidInput(Map<String, List<String>> errors) {
        super(Response.Status.BAD_REQUEST, "Invalid input: " + errors.keySet());
        this.errors = new LinkedHashMap<>(errors);
    }

    public static InvalidInput of(String field, String message) {
        return new InvalidInput(Map.of(field, List.of(message)));
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    @Override
    public JsonObject body() {
        JsonObjectBuilder body = Json.createObjectBuilder();
        errors.forEach((field, messages) -> body.add(field, Json.createArrayBuilder(messages)));
        return body.build();
    }
}
