package dev.usermanagement.tokens.control;

import java.time.Instant;

/** Who a live access token speaks for; operatorToken when the token carries the admin group. */
public record Caller(String userId, String sessionId, String username, Instant dateJoined, boolean operatorToken) {
}
