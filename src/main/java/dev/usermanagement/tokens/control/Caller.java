package dev.usermanagement.tokens.control;

import java.time.Instant;

/** Who a live access token speaks for, as far as GET /me needs to know. */
public record Caller(String userId, String sessionId, String username, Instant dateJoined) {
}
