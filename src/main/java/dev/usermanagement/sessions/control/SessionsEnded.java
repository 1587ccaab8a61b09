package dev.usermanagement.sessions.control;

/**
 * Sessions that stopped being usable: one session, or every session of a user (logout everywhere,
 * deactivation). Also the message other instances receive, in the text form of {@link #encoded()}.
 */
public record SessionsEnded(String sessionId, String userId) {

    public static SessionsEnded session(String sessionId) {
        return new SessionsEnded(sessionId, null);
    }

    public static SessionsEnded ofUser(String userId) {
        return new SessionsEnded(null, userId);
    }

    String encoded() {
        return sessionId != null ? "session:" + sessionId : "user:" + userId;
    }

    static SessionsEnded decode(String message) {
        return message.startsWith("session:") ? session(message.substring(8)) : ofUser(message.substring(5));
    }
}
