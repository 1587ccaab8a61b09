package dev.usermanagement.users.control;

/** Fired when a user may no longer use the service; observed after commit by whoever remembers users. */
public record UserDeactivated(String userId) {
}
