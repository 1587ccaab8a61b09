package dev.usermanagement.tokens.boundary;

import dev.usermanagement.tokens.control.AcceptedTokens;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Hands the container, for a Bearer token that MicroProfile JWT accepted before, what MicroProfile JWT made
 * of it then (AcceptedTokens), the same way its mechanism does; any other request goes to MicroProfile JWT.
 * Runs inside BearerSchemeNormalizer, so it sees the header as MicroProfile JWT does.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION + 1)
public abstract class AcceptedTokenShortcut implements HttpAuthenticationMechanismHandler {

    private static final String BEARER = "Bearer ";

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanismHandler delegate;

    @Inject
    AcceptedTokens accepted;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.startsWith(BEARER)) {
            return delegate.validateRequest(request, response, context);
        }
        String token = header.substring(BEARER.length());
        var known = accepted.find(token);
        if (known.isPresent()) {
            context.getClientSubject().getPrincipals().add(known.get().caller());
            return context.notifyContainerAboutLogin(known.get().caller(), known.get().groups());
        }
        AuthenticationStatus status = delegate.validateRequest(request, response, context);
        if (status == AuthenticationStatus.SUCCESS) {
            context.getClientSubject().getPrincipals(JsonWebToken.class).stream().findFirst()
                    .ifPresent(verified -> accepted.remember(token, verified, context.getGroups()));
        }
        return status;
    }
}
