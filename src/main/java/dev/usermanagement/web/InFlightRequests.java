package dev.usermanagement.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Counts the requests being served, so that a shutdown can wait for them. */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class InFlightRequests extends HttpFilter {

    @Inject
    GracefulShutdown shutdown;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        shutdown.enter();
        try {
            chain.doFilter(request, response);
        } finally {
            shutdown.leave();
        }
    }
}
