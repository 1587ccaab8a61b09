package dev.usermanagement.users.control;

import dev.usermanagement.web.ClientError;
import jakarta.ws.rs.core.Response;

/** One answer for an unknown user, a wrong password and an inactive user (ASVS 5 V6.3.8). */
public class InvalidCredentials extends ClientError {

    public InvalidCredentials() {
        super(Response.Status.UNAUTHORIZED, "No active account found with the given credentials");
    }
}
