package dev.usermanagement.users.control;

import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.JsonBody;

/** The {"username", "password"} body of register and login. */
public record Credentials(String username, String password) {

    public static Credentials read(JsonBody body, FieldErrors errors) {
        return new Credentials(body.requiredString("username", errors), body.requiredString("password", errors));
    }
}
