package dev.usermanagement.sessions.control;

/**
 * Sessions that stopped being usable: one session, or every session of a user (logout everywhere,
 * deactivation). Also the message other instances receive, in the text form of {@link #encoded()}.
 */
public record SessionsEnded(String sessionId, String userId) {

    private static final String SESSION = "session:";
    private static final String USER = "user:";

    public static SessionsEnded session(String sessionId) {
        return new SessionsEnded(sessionId, null);
    }

    public static SessionsEnded ofUser(String userId) {
        return new SessionsEnded(null, userId);
    }

    String encoded() {
        return sessionId != null ? SESSION + sessionId : USER + userId;
    }

    static SessionsEnded decode(String message) {
        return message.startsWith(SESSION) ? session(message.substring(SESSION.length())) : ofUser(message.substring(USER.length()));
    }
}
