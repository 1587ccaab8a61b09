package dev.usermanagement.users.boundary;

import dev.usermanagement.tokens.control.AccessTokenCheck;
import dev.usermanagement.users.control.Operators;
import dev.usermanagement.web.Forbidden;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;

/**
 * Guards the operator API before any matching, so that no method, case, encoding or slash variant of an
 * admin path tells a non-operator anything but 401 or 403 (ASVS 5 V8.3.1: checks at a trusted service
 * layer). An operator is a live access token with the admin group whose name the setting lists now.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public class OperatorGate implements ContainerRequestFilter {

    @Inject
    AccessTokenCheck accessTokens;

    @Inject
    Operators operators;

    @Override
    public void filter(ContainerRequestContext request) {
        // The decoded path, case-folded: %61dmin and ADMIN are admin too.
        if (!request.getUriInfo().getPath(true).toLowerCase(Locale.ROOT).contains("admin")) {
            return;
        }
        var caller = accessTokens.require(request.getSecurityContext());
        if (!caller.operatorToken() || !operators.includes(caller.username())) {
            throw new Forbidden();
        }
    }
}
