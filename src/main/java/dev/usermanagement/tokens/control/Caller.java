package dev.usermanagement.tokens.control;

/** Who a live access token speaks for. */
public record Caller(String userId, String sessionId) {
}
