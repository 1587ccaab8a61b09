package dev.usermanagement.sessions.control;

import dev.usermanagement.sessions.entity.UserSession;
import jakarta.enterprise.context.ApplicationScoped;
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

    @Inject
    @ConfigProperty(name = "users.session.absolute-lifetime-seconds", defaultValue = "2592000")
    long absoluteLifetimeSeconds;

    public UserSession open(String userId) {
        var now = clock.instant();
        var session = new UserSession(userId, now, now.plus(Duration.ofSeconds(absoluteLifetimeSeconds)));
        em.persist(session);
        return session;
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
        return true;
    }
}
