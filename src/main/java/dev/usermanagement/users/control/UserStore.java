package dev.usermanagement.users.control;

import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.InvalidInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;

@ApplicationScoped
@Transactional
public class UserStore {

    static final String USERNAME_TAKEN = "A user with that username already exists.";

    @PersistenceContext(unitName = "users")
    EntityManager em;

    @Inject
    Event<UserDeactivated> deactivated;

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

    public void deactivate(String userId) {
        find(userId).ifPresent(User::deactivate);
        deactivated.fire(new UserDeactivated(userId));
    }

    public void changePasswordHash(String userId, String hash) {
        find(userId).ifPresent(user -> user.changePasswordHash(hash));
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
}
