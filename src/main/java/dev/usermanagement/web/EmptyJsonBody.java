package dev.usermanagement.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * A request that sends neither a body nor a Content-Type, read as the empty JSON body it is. Jersey reads
 * it that way on its own; RESTEasy (WildFly) refuses it with 415 before authentication, so a bare
 * POST /api/users/logout/ would learn about media types instead of getting the contract's 401.
 */
final class EmptyJsonBody extends HttpServletRequestWrapper {

    private static final String CONTENT_TYPE = "Content-Type";
    private static final String JSON = "application/json";
    private static final Set<String> WITHOUT_BODY = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private EmptyJsonBody(HttpServletRequest request) {
        super(request);
    }

    static HttpServletRequest of(HttpServletRequest request) {
        boolean sendsNothing = request.getContentType() == null && request.getContentLengthLong() <= 0
                && request.getHeader("Transfer-Encoding") == null;
        return sendsNothing && !WITHOUT_BODY.contains(request.getMethod()) ? new EmptyJsonBody(request) : request;
    }

    @Override
    public String getContentType() {
        return JSON;
    }

    @Override
    public String getHeader(String name) {
        return CONTENT_TYPE.equalsIgnoreCase(name) ? JSON : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(JSON)) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = Collections.list(super.getHeaderNames());
        names.add(CONTENT_TYPE);
        return Collections.enumeration(names);
    }
}
