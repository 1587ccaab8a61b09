package dev.usermanagement.tokens.boundary;

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
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;

/**
 * RFC 7235 section 2.1: the auth scheme is case-insensitive, but Payara's MicroProfile JWT mechanism only
 * sees "Bearer ". This hands it the header with the scheme spelled that way; the token is untouched.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class BearerSchemeNormalizer implements HttpAuthenticationMechanismHandler {

    private static final String AUTHORIZATION = "Authorization";
    private static final String SCHEME = "bearer ";

    @Inject
    @Delegate
    @Any
    HttpAuthenticationMechanismHandler delegate;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) throws AuthenticationException {
        String header = request.getHeader(AUTHORIZATION);
        if (header == null || header.startsWith("Bearer ") || !header.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            return delegate.validateRequest(request, response, context);
        }
        String normalized = "Bearer " + header.substring(SCHEME.length());
        return delegate.validateRequest(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return AUTHORIZATION.equalsIgnoreCase(name) ? normalized : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return AUTHORIZATION.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(normalized)) : super.getHeaders(name);
            }
        }, response, context);
    }
}
