package dev.usermanagement.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Collections;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before any component reads it, a request head this service would not use, with the status
 * HTTP gives for it and the contract's JSON (through sendError and the error page). The HTTP layer's own
 * limits are set higher (payara-config/pre-boot-commands.txt), because it refuses without a body.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestHeadCheck extends HttpFilter {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED_STRING = "\"(?:[^\"\\\\]|\\\\.)*\"";
    /** RFC 9110 sections 8.3.1 and 5.6.6: type "/" subtype *( OWS ";" OWS [ token "=" ( token / quoted-string ) ] ). */
    static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN
            + "(?:[ \t]*;[ \t]*(?:" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED_STRING + "))?)*[ \t]*");

    static final int URI_TOO_LONG = 414;
    static final int HEADER_FIELDS_TOO_LARGE = 431;

    @Inject
    @ConfigProperty(name = "users.http.max-request-line-bytes", defaultValue = "8192")
    int maxRequestLineBytes;

    @Inject
    @ConfigProperty(name = "users.http.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        int refusal = refusal(request);
        if (refusal == 0) {
            chain.doFilter(EmptyJsonBody.of(request), response);
        } else {
            response.sendError(refusal);
        }
    }

    private int refusal(HttpServletRequest request) {
        String query = request.getQueryString();
        if (request.getRequestURI().length() + (query == null ? 0 : query.length() + 1) > maxRequestLineBytes) {
            return URI_TOO_LONG; // RFC 9110 section 15.5.15
        }
        if (headerBytes(request) > maxHeaderBytes) {
            return HEADER_FIELDS_TOO_LARGE; // RFC 6585 section 5
        }
        if (!oneMediaType(request.getHeader("Content-Type"))) {
            return HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE;
        }
        return 0;
    }

    private static long headerBytes(HttpServletRequest request) {
        long bytes = 0;
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                bytes += name.length() + value.length() + 4; // ": " and CRLF
            }
        }
        return bytes;
    }

    /**
     * A Content-Type that is not one media type (a list, an unclosed quote) names nothing the service could
     * read (RFC 9110 section 8.3 allows exactly one); JAX-RS would trip over it before its mappers run, or
     * (RESTEasy) read a broken one as something else.
     */
    private static boolean oneMediaType(String contentType) {
        if (contentType == null) {
            return true;
        }
        if (!MEDIA_TYPE.matcher(contentType).matches()) {
            return false;
        }
        try {
            MediaType.valueOf(contentType);
            return true;
        } catch (IllegalArgumentException notOneMediaType) {
            return false;
        }
    }
}
