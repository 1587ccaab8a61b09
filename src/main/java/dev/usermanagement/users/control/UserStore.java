package dev.usermanagement.users.control;

import dev.usermanagement.database.InstantAsTimestamp;
import dev.usermanagement.sessions.control.SessionStore;
import dev.usermanagement.sessions.control.SessionsEnded;
import dev.usermanagement.tokens.control.InvalidToken;
import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class UserStore {

    static final String USERNAME_TAKEN = "A user with that username already exists.";
    static final String WRONG_PASSWORD = "Wrong password.";

    @PersistenceContext(unitName = "users")
    EntityManager em;

    @Inject
    SessionStore sessions;

    /** Observed after commit by LiveSessions: a deleted user's sessions must stop being believed. */
    @Inject
    Event<SessionsEnded> ended;

    public Optional<User> findByKey(String usernameKey) {
        return em.createNamedQuery(User.BY_USERNAME_KEY, User.class)
                .setParameter("key", usernameKey)
                .getResultStream()
                .findFirst();
    }

    public Optional<User> find(String id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /** Inserts and flushes, so that the unique key decides a race between two registrations. */
    public void add(User user) {
        try {
            em.persist(user);
            em.flush();
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                throw InvalidInput.of("username", USERNAME_TAKEN);
            }
            throw e;
        }
    }

    /**
     * A re-hash with current parameters at login, only if the hash is still the one the login checked: a
     * password change committed meanwhile is never undone by it.
     */
    public boolean rehash(String userId, String checkedHash, String newHash) {
        Optional<User> user = lock(userId).filter(found -> found.passwordHash().equals(checkedHash));
        user.ifPresent(found -> found.changePasswordHash(newHash));
        return user.isPresent();
    }

    /**
     * The new hash and the end of every other session in one transaction. The row lock and the comparison
     * with the hash the caller's password was checked against make two changes racing each other serial:
     * the second finds its proof out of date.
     */
    public void replacePassword(String userId, String verifiedHash, String newHash, String keptSessionId) {
        User user = lock(userId).orElseThrow(InvalidToken::new);
        if (!user.passwordHash().equals(verifiedHash)) {
            throw InvalidInput.of("current_password", WRONG_PASSWORD);
        }
        user.changePasswordHash(newHash);
        sessions.revokeAllExcept(userId, keptSessionId);
    }

    /** Active or not, every session ends: none opened before a deactivation lives on after a reactivation. */
    public Optional<User> setActive(String userId, boolean active) {
        Optional<User> user = lock(userId);
        user.ifPresent(found -> {
            found.setActive(active);
            sessions.revokeAll(userId);
        });
        return user;
    }

    public void deactivate(String userId) {
        setActive(userId, false);
    }

    /** Removes the user; its sessions go with it (ON DELETE CASCADE). False when it was already gone. */
    public boolean delete(String userId) {
        Optional<User> user = lock(userId);
        user.ifPresent(found -> {
            em.remove(found);
            em.flush();
            ended.fire(SessionsEnded.ofUser(userId));
        });
        return user.isPresent();
    }

    public Optional<UserOverview> overview(String userId) {
        return find(userId).map(user -> UserOverview.of(user, lastLogins(List.of(userId)).get(userId)));
    }

    /** One page of the users whose name contains the text, in the order they joined. */
    public List<UserOverview> overviews(String search, int first, int max) {
        List<User> users = em.createNamedQuery(User.SEARCH, User.class)
                .setParameter("pattern", containing(search))
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
        Map<String, Instant> lastLogins = lastLogins(users.stream().map(User::id).toList());
        return users.stream().map(user -> UserOverview.of(user, lastLogins.get(user.id()))).toList();
    }

    public long count(String search) {
        return em.createNamedQuery(User.COUNT_SEARCH, Long.class).setParameter("pattern", containing(search)).getSingleResult();
    }

    /** A login opens a session, so the newest session is the last login: the login path writes nothing more. */
    private Map<String, Instant> lastLogins(List<String> userIds) {
        Map<String, Instant> lastLogins = new HashMap<>();
        if (userIds.isEmpty()) {
            return lastLogins;
        }
        em.createQuery("SELECT s.userId, MAX(s.createdAt) FROM UserSession s WHERE s.userId IN :ids GROUP BY s.userId", Object[].class)
                .setParameter("ids", userIds)
                .getResultList()
                .forEach(row -> lastLogins.put((String) row[0], InstantAsTimestamp.read(row[1])));
        return lastLogins;
    }

    /** A LIKE pattern for "contains", the way usernames are compared (case-folded), wildcards escaped. */
    private static String containing(String search) {
        String key = search == null ? "" : UsernamePolicy.key(search);
        return "%" + key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    /** SQLSTATE class 23 is "integrity constraint violation" in every SQL database. */
    private static boolean isConstraintViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private Optional<User> lock(String userId) {
        return Optional.ofNullable(em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE));
    }
}
