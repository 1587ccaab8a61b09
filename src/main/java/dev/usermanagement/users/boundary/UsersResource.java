package dev.usermanagement.users.boundary;

import dev.usermanagement.tokens.control.AccessTokenCheck;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.JsonBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.json.JsonObject;

@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {

    @Inject
    UserRegistry registry;

    @Inject
    AccessTokenCheck accessTokens;

    @POST
    @Path("register")
    public Response register(JsonBody body) {
        var errors = new FieldErrors();
        registry.register(Credentials.read(body, errors), errors);
        return Response.status(Response.Status.CREATED)
                .entity(Json.createObjectBuilder().add("message", "User created successfully").build())
                .build();
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
}
