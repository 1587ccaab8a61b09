package dev.usermanagement.tokens.boundary;

import dev.usermanagement.tokens.control.AccessTokenCheck;
import dev.usermanagement.tokens.control.SigningKeys;
import dev.usermanagement.tokens.control.TokenIssuer;
import dev.usermanagement.tokens.control.TokenPair;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.web.ClientAddress;
import dev.usermanagement.web.CredentialsMissing;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.JsonBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

@ApplicationScoped
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TokensResource {

    public static final JsonObject LOGGED_OUT = Json.createObjectBuilder().add("message", "Logged out successfully").build();

    @Inject
    TokenIssuer issuer;

    @Inject
    AccessTokenCheck accessTokens;

    @Inject
    SigningKeys keys;

    @Inject
    ClientAddress clientAddress;

    @POST
    @Path("login")
    public JsonObject login(@Context HttpServletRequest request, JsonBody body) {
        var errors = new FieldErrors();
        var credentials = Credentials.read(body, errors);
        errors.throwIfAny();
        TokenPair tokens = issuer.login(credentials, clientAddress.of(request));
        return Json.createObjectBuilder().add("refresh", tokens.refresh()).add("access", tokens.access()).build();
    }

    @POST
    @Path("token/refresh")
    public JsonObject refresh(JsonBody body) {
        var errors = new FieldErrors();
        String refresh = body.requiredString("refresh", errors);
        errors.throwIfAny();
        TokenPair tokens = issuer.refresh(refresh);
        var answer = Json.createObjectBuilder().add("access", tokens.access());
        if (tokens.refresh() != null) {
            answer.add("refresh", tokens.refresh());
        }
        return answer.build();
    }

    /** The session is named by the Bearer access token or, without one, by {"refresh": ...}. */
    @POST
    @Path("logout")
    public JsonObject logout(@Context SecurityContext security, JsonBody body) {
        var caller = accessTokens.optional(security);
        if (caller.isPresent()) {
            issuer.revoke(caller.get().sessionId());
        } else {
            var errors = new FieldErrors();
            String refresh = body.optionalString("refresh", errors);
            errors.throwIfAny();
            if (refresh == null) {
                throw new CredentialsMissing();
            }
            issuer.logoutWithRefresh(refresh);
        }
        return LOGGED_OUT;
    }

    /** Ends every session of the caller, this one included (ASVS 5 V7.4.5). */
    @POST
    @Path("logout/all")
    public JsonObject logoutEverywhere(@Context SecurityContext security) {
        issuer.revokeAll(accessTokens.require(security).userId());
        return LOGGED_OUT;
    }

    @GET
    @Path("jwks")
    public String jwks() {
        return keys.publicJwks();
    }
}
