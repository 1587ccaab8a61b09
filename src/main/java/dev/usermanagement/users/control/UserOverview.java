package dev.usermanagement.users.control;

import dev.usermanagement.users.entity.User;
import java.time.Instant;

/** A user as operators see it; lastLogin is the start of the user's newest session, null before any. */
public record UserOverview(String id, String username, Instant dateJoined, Instant lastLogin, boolean active) {

    static UserOverview of(User user, Instant lastLogin) {
        return new UserOverview(user.id(), user.username(), user.dateJoined(), lastLogin, user.active());
    }
}
