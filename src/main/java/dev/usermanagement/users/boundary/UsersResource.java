package dev.usermanagement.users.boundary;

import dev.usermanagement.tokens.boundary.BearerRequired;
import dev.usermanagement.tokens.control.AccessTokenCheck;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.web.ClientAddress;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.JsonBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final JsonObject PASSWORD_CHANGED = message("Password changed successfully");
    static final JsonObject ACCOUNT_DELETED = message("Account deleted");

    @Inject
    UserRegistry registry;

    @Inject
    AccessTokenCheck accessTokens;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Path("register")
    public Response register(JsonBody body) {
        var errors = new FieldErrors();
        registry.register(Credentials.read(body, errors), errors);
        return Response.status(Response.Status.CREATED).entity(message("User created successfully")).build();
    }

    @GET
    @Path("me")
    public JsonObject me(@Context SecurityContext security) {
        var caller = accessTokens.require(security);
        return Json.createObjectBuilder()
                .add("id", caller.userId())
                .add("username", caller.username())
                .add("date_joined", caller.dateJoined().toString())
                .build();
    }

    @POST
    @Path("password")
    @BearerRequired
    public JsonObject changePassword(@Context SecurityContext security, @Context HttpServletRequest request, JsonBody body) {
        var caller = accessTokens.require(security);
        var errors = new FieldErrors();
        String current = body.requiredString("current_password", errors);
        String next = body.requiredString("new_password", errors);
        registry.changePassword(caller.userId(), caller.sessionId(), current, next, clientAddress.of(request), errors);
        return PASSWORD_CHANGED;
    }

    @DELETE
    @Path("me")
    @BearerRequired
    public JsonObject deleteOwnAccount(@Context SecurityContext security, @Context HttpServletRequest request, JsonBody body) {
        var caller = accessTokens.require(security);
        var errors = new FieldErrors();
        String password = body.requiredString("password", errors);
        registry.deleteOwn(caller.userId(), password, clientAddress.of(request), errors);
        return ACCOUNT_DELETED;
    }

    static JsonObject message(String text) {
        return Json.createObjectBuilder().add("message", text).build();
    }
}
