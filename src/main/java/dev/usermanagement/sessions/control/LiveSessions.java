package dev.usermanagement.sessions.control;

import dev.usermanagement.sessions.entity.UserSession;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers "is this access token's session live, and whose is it" from memory, so that an authenticated
 * request, and a refresh without rotation, costs no database query in the steady state. A session is read
 * once and then believed for users.session.cache-seconds; a logout marks it refused here the moment its
 * transaction commits, and on the other instances before the logout is answered too (SessionBroadcast waits
 * for the grid's members to confirm). Ending every session of a user forgets them instead, since a password
 * change keeps the caller's. The expiry only bounds how stale an instance cut off from the grid can be.
 */
@ApplicationScoped
public class LiveSessions {

    /** What GET /me needs to know about the caller, without asking the database. */
    public record LiveSession(String sessionId, String userId, String username, Instant dateJoined, Instant end,
                              String refreshDigest) {

        static LiveSession of(UserSession session, User user) {
            return new LiveSession(session.id(), user.id(), user.username(), user.dateJoined(), session.expiresAt(),
                    session.refreshDigest());
        }

        /**
         * Whether the refresh token with this jti is the session's current one. Only without rotation: then
         * a session keeps its refresh token for life, and what was read stays true until the session ends.
         */
        public boolean refreshedBy(String jti) {
            return refreshDigest.equals(TokenDigest.of(jti));
        }
    }

    private record Known(Optional<LiveSession> session, Instant readAt) {

        boolean staleAt(Instant now, long cacheSeconds) {
            return readAt.plusSeconds(cacheSeconds).isBefore(now);
        }
    }

    @Inject
    SessionStore sessions;

    @Inject
    UserRegistry users;

    @Inject
    SessionBroadcast broadcast;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "users.session.cache-seconds", defaultValue = "30")
    long cacheSeconds;

    @Inject
    @ConfigProperty(name = "users.session.cache-max-entries", defaultValue = "100000")
    int maxEntries;

    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();
    /** Counts forgets, so that a read racing a logout never stores what the logout just ended. */
    private final AtomicLong forgets = new AtomicLong();

    /** The live session with this id; empty for none (a token without one), a revoked or an ended one. */
    public Optional<LiveSession> find(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Known entry = known.get(sessionId);
        if (entry == null || entry.staleAt(now, cacheSeconds)) {
            long before = forgets.get();
            entry = new Known(read(sessionId), now);
            if (forgets.get() == before) {
                remember(sessionId, entry, now);
            }
        }
        return entry.session().filter(session -> now.isBefore(session.end()));
    }

    /** Where the forgets stand now; hand it to opened() to learn whether one happened meanwhile. */
    public long forgets() {
        return forgets.get();
    }

    /** A session just opened, remembered unless something was forgotten since forgetsBefore (logout everywhere). */
    public LiveSession opened(UserSession session, User user, long forgetsBefore) {
        var opened = LiveSession.of(session, user);
        Instant now = clock.instant();
        if (forgets.get() == forgetsBefore) {
            remember(session.id(), new Known(Optional.of(opened), now), now);
        }
        return opened;
    }

    private Optional<LiveSession> read(String sessionId) {
        return sessions.findLive(sessionId).flatMap(session -> users.findActive(session.userId())
                .map(user -> LiveSession.of(session, user)));
    }

    private void remember(String sessionId, Known entry, Instant now) {
        if (known.size() >= maxEntries) {
            known.values().removeIf(old -> old.staleAt(now, cacheSeconds));
            if (known.size() >= maxEntries) {
                known.clear(); // a flood of distinct sessions: start over rather than grow
            }
        }
        known.put(sessionId, entry);
    }

    /**
     * Here at once when the ending transaction commits; on the other instances through the grid, before
     * the request that ended them is answered.
     */
    void ended(@Observes(during = TransactionPhase.AFTER_SUCCESS) SessionsEnded ended) {
        forget(ended);
        broadcast.publish(ended);
    }

    /** Another instance left the grid or fenced this one: messages may have been missed, read everything afresh. */
    void forgetAll() {
        forgets.incrementAndGet();
        known.clear();
    }

    void forget(SessionsEnded ended) {
        forgets.incrementAndGet();
        if (ended.sessionId() != null) {
            // An ended session never lives again: remembered as refused, the first request after a logout
            // is answered from memory too instead of reading the row again (the slow refusal of issue 15).
            Instant now = clock.instant();
            remember(ended.sessionId(), new Known(Optional.empty(), now), now);
        }
        if (ended.userId() != null) {
            known.values().removeIf(entry -> entry.session().map(s -> s.userId().equals(ended.userId())).orElse(false));
        }
    }
}
