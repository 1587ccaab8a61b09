package dev.usermanagement.sessions.control;

import dev.usermanagement.sessions.entity.UserSession;
import dev.usermanagement.users.control.InvalidCredentials;
import dev.usermanagement.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Sessions live in the database, so that a logout survives a restart and a crash. */
@ApplicationScoped
@Transactional
public class SessionStore {

    @PersistenceContext(unitName = "users")
    EntityManager em;

    @Inject
    Clock clock;

    /** Observed after commit by LiveSessions, which must stop believing in these sessions. */
    @Inject
    Event<SessionsEnded> ended;

    @Inject
    @ConfigProperty(name = "users.session.absolute-lifetime-seconds", defaultValue = "2592000")
    long absoluteLifetimeSeconds;

    /**
     * A new session, only while the user is as the login found it: active, with the password hash it
     * checked. The shared row lock orders the login against a password change, a deactivation or a
     * deletion (each locks the row for update): either the login comes first and their ending of every
     * session includes this one, or it sees their result and gets the login's 401.
     */
    public UserSession open(String userId, String checkedHash, String refreshJti) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_READ);
        if (user == null || !user.active() || !user.passwordHash().equals(checkedHash)) {
            throw new InvalidCredentials();
        }
        var now = clock.instant();
        var session = new UserSession(userId, now, now.plus(Duration.ofSeconds(absoluteLifetimeSeconds)), TokenDigest.of(refreshJti));
        em.persist(session);
        return session;
    }

    /** The live session whose current refresh token has this jti. */
    public Optional<UserSession> findLiveFor(String sessionId, String refreshJti) {
        return findLive(sessionId).filter(s -> s.currentRefresh(TokenDigest.of(refreshJti)));
    }

    /**
     * Rotation in one locked step, so that of concurrent refreshes with one token exactly one wins
     * (RFC 9700 section 4.14.2: refresh token rotation with reuse detection).
     */
    public Rotation rotate(String sessionId, String presentedJti, String nextJti, Duration grace) {
        UserSession session = sessionId == null ? null : em.find(UserSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        var now = clock.instant();
        if (session == null || !session.liveAt(now)) {
            return new Rotation(RefreshOutcome.DEAD, session);
        }
        String presented = TokenDigest.of(presentedJti);
        if (session.currentRefresh(presented)) {
            session.rotate(TokenDigest.of(nextJti), now);
            return new Rotation(RefreshOutcome.ROTATED, session);
        }
        if (session.spentWithin(presented, now, grace)) {
            return new Rotation(RefreshOutcome.SPENT_IN_GRACE, session);
        }
        session.revoke(now);
        ended.fire(SessionsEnded.session(sessionId));
        return new Rotation(RefreshOutcome.REUSED, session);
    }

    /** Ends every live session of the user; the count of those ended. */
    public int revokeAll(String userId) {
        ended.fire(SessionsEnded.ofUser(userId));
        return em.createQuery("UPDATE UserSession s SET s.revokedAt = :now WHERE s.userId = :user AND s.revokedAt IS NULL")
                .setParameter("now", clock.instant())
                .setParameter("user", userId)
                .executeUpdate();
    }

    /** Ends every live session of the user but the one named (a password change keeps the caller's). */
    public int revokeAllExcept(String userId, String keptSessionId) {
        ended.fire(SessionsEnded.ofUser(userId));
        return em.createQuery("UPDATE UserSession s SET s.revokedAt = :now"
                        + " WHERE s.userId = :user AND s.revokedAt IS NULL AND s.id <> :kept")
                .setParameter("now", clock.instant())
                .setParameter("user", userId)
                .setParameter("kept", keptSessionId)
                .executeUpdate();
    }

    /** The session if it is neither revoked nor past its absolute end. */
    public Optional<UserSession> findLive(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(UserSession.class, sessionId)).filter(s -> s.liveAt(clock.instant()));
    }

    /** Ends the session; false when it was not live. The row lock orders a logout against a refresh. */
    public boolean revoke(String sessionId) {
        if (sessionId == null) {
            return false;
        }
        UserSession session = em.find(UserSession.class, sessionId, LockModeType.PESSIMISTIC_WRITE);
        if (session == null || !session.liveAt(clock.instant())) {
            return false;
        }
        session.revoke(clock.instant());
        ended.fire(SessionsEnded.session(sessionId));
        return true;
    }
}
