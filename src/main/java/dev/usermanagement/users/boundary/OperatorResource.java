package dev.usermanagement.users.boundary;

import dev.usermanagement.tokens.boundary.TokensResource;
import dev.usermanagement.tokens.control.AccessTokenCheck;
import dev.usermanagement.users.control.UserAdministration;
import dev.usermanagement.users.control.UserAdministration.Operator;
import dev.usermanagement.users.control.UserOverview;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.JsonBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

/** The operator API (contract section 8); OperatorGate has let only operators this far. */
@ApplicationScoped
@Path("users/admin/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OperatorResource {

    @Inject
    UserAdministration administration;

    @Inject
    AccessTokenCheck accessTokens;

    /** Django REST framework's page: count, next and previous as absolute URLs, results. */
    @GET
    public JsonObject list(@Context SecurityContext security, @Context UriInfo uri,
                           @QueryParam("search") String search, @QueryParam("page") String page) {
        var found = administration.list(operator(security), search, page);
        JsonArrayBuilder results = Json.createArrayBuilder();
        found.results().forEach(user -> results.add(json(user)));
        JsonObjectBuilder answer = Json.createObjectBuilder().add("count", found.count());
        addOrNull(answer, "next", found.hasNext() ? pageLink(uri, found.number() + 1) : null);
        addOrNull(answer, "previous", found.number() > 1 ? pageLink(uri, found.number() - 1) : null);
        return answer.add("results", results).build();
    }

    /** This request's URL on another page; page 1 without the parameter, as DRF links it. */
    private static String pageLink(UriInfo uri, int page) {
        var link = uri.getRequestUriBuilder();
        return (page == 1 ? link.replaceQueryParam("page") : link.replaceQueryParam("page", page)).build().toString();
    }

    @GET
    @Path("{id}")
    public JsonObject read(@Context SecurityContext security, @PathParam("id") String id) {
        return json(administration.read(operator(security), id));
    }

    /** Only is_active can change; a body without it changes nothing, as a DRF partial update. */
    @PATCH
    @Path("{id}")
    public JsonObject update(@Context SecurityContext security, @PathParam("id") String id, JsonBody body) {
        var errors = new FieldErrors();
        Boolean active = body.optionalBoolean("is_active", errors);
        administration.requireExisting(id); // DRF looks the user up before it validates: 404 first
        errors.throwIfAny();
        Operator operator = operator(security);
        return json(active == null ? administration.read(operator, id) : administration.setActive(operator, id, active));
    }

    @POST
    @Path("{id}/logout")
    public JsonObject logoutEverywhere(@Context SecurityContext security, @PathParam("id") String id) {
        administration.logoutEverywhere(operator(security), id);
        return TokensResource.LOGGED_OUT;
    }

    @DELETE
    @Path("{id}")
    public JsonObject delete(@Context SecurityContext security, @PathParam("id") String id) {
        administration.delete(operator(security), id);
        return UsersResource.ACCOUNT_DELETED;
    }

    private Operator operator(SecurityContext security) {
        var caller = accessTokens.require(security);
        return new Operator(caller.userId(), caller.username());
    }

    private static JsonObject json(UserOverview user) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", user.id())
                .add("username", user.username())
                .add("date_joined", user.dateJoined().toString());
        addOrNull(json, "last_login", user.lastLogin() == null ? null : user.lastLogin().toString());
        return json.add("is_active", user.active()).build();
    }

    /** A string or JSON null. */
    private static void addOrNull(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
