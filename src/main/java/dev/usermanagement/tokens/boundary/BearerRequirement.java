package dev.usermanagement.tokens.boundary;

import dev.usermanagement.tokens.control.AccessTokenCheck;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Authentication before the body is parsed, as Django REST framework orders it: a caller without a live
 * token learns 401, not what is wrong with the body it sent.
 */
@Provider
@BearerRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerRequirement implements ContainerRequestFilter {

    @Inject
    AccessTokenCheck accessTokens;

    @Override
    public void filter(ContainerRequestContext request) {
        accessTokens.require(request.getSecurityContext());
    }
}
