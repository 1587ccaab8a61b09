package dev.usermanagement.sessions.control;

import dev.usermanagement.sessions.entity.UserSession;

/** The outcome of presenting a refresh token under rotation, with the session it was read under lock from. */
public record Rotation(RefreshOutcome outcome, UserSession session) {
}
