package dev.usermanagement.sessions.control;

/** What presenting a refresh token did to its session under rotation. */
public enum RefreshOutcome {
    /** The current token: the session now expects the next one. */
    ROTATED,
    /** The token the last rotation spent, within the grace period: refused, the session lives on. */
    SPENT_IN_GRACE,
    /** Spent longer ago or unknown: a stolen copy is in use, so the whole session was ended. */
    REUSED,
    /** No live session. */
    DEAD
}
