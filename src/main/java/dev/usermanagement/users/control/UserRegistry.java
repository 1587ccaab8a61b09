package dev.usermanagement.users.control;

import dev.usermanagement.health.ServiceMetrics;
import dev.usermanagement.tokens.control.InvalidToken;
import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Registration, authentication and the account's own changes (password, deletion). Hashing happens
 * outside any transaction: it is the slow part.
 */
@ApplicationScoped
public class UserRegistry {

    private static final Logger LOG = Logger.getLogger(UserRegistry.class.getName());

    @Inject
    UserStore store;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    PasswordHasher hasher;

    @Inject
    LoginThrottle throttle;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Clock clock;

    /** Registers the user or throws InvalidInput listing every broken rule of every field. */
    public User register(Credentials credentials, FieldErrors errors) {
        String username = credentials.username() == null ? null : UsernamePolicy.normalize(credentials.username());
        if (username != null) {
            errors.addAll("username", UsernamePolicy.violations(username));
            if (!errors.has("username") && store.findByKey(UsernamePolicy.key(username)).isPresent()) {
                errors.add("username", UserStore.USERNAME_TAKEN);
            }
        }
        if (credentials.password() != null) {
            errors.addAll("password", passwordPolicy.violations(credentials.password(), errors.has("username") ? null : username));
        }
        errors.throwIfAny();
        User user = new User(username, UsernamePolicy.key(username), hasher.hash(credentials.password()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.add(user);
        metrics.registered();
        return user;
    }

    /**
     * The active user with these credentials; the same work and answer for every kind of failure, and a
     * 429 instead of any answer while the username or the client address has to wait.
     */
    public User authenticate(Credentials credentials, String clientAddress) {
        String key = UsernamePolicy.key(credentials.username());
        try {
            throttle.check(key, clientAddress);
        } catch (Throttled throttled) {
            metrics.loginThrottled();
            throw throttled;
        }
        Optional<User> found = store.findByKey(key);
        boolean matches = found.isPresent()
                ? hasher.matches(credentials.password(), found.get().passwordHash())
                : hasher.matchDecoy(credentials.password());
        if (!matches || !found.get().active()) {
            throttle.failed(key, clientAddress);
            metrics.loginFailed();
            LOG.info(() -> "Failed login for username \"" + LogText.of(credentials.username()) + "\" from " + clientAddress);
            throw new InvalidCredentials();
        }
        throttle.succeeded(key);
        metrics.loginSucceeded();
        User user = found.get();
        if (hasher.outdated(user.passwordHash())) {
            String rehashed = hasher.hash(credentials.password());
            if (store.rehash(user.id(), user.passwordHash(), rehashed)) {
                user.changePasswordHash(rehashed); // a detached copy: the session opens against what is stored
            }
        }
        return user;
    }

    /**
     * Replaces the password after the current one is proven, and ends every other session in the same
     * transaction; the caller's session stays (ASVS 5 V6.2.3 and V7.4.3).
     */
    public void changePassword(String userId, String sessionId, String current, String next, String clientAddress, FieldErrors errors) {
        User user = proveOwner(userId, current, "current_password", clientAddress, errors);
        if (next != null) {
            errors.addAll("new_password", passwordPolicy.violations(next, user.username()));
            if (next.equals(current)) {
                errors.add("new_password", "The new password must differ from the current one.");
            }
        }
        errors.throwIfAny();
        store.replacePassword(userId, user.passwordHash(), hasher.hash(next), sessionId);
        metrics.passwordChanged();
        LOG.info(() -> "Password changed: user " + userId + ", every other session ended");
    }

    /** Deletes the caller's account after a fresh proof of its password (ASVS 5 V6.2.x re-authentication). */
    public void deleteOwn(String userId, String password, String clientAddress, FieldErrors errors) {
        proveOwner(userId, password, "password", clientAddress, errors);
        errors.throwIfAny();
        if (!store.delete(userId)) {
            throw new InvalidToken(); // deleted meanwhile: this caller's token names no one now
        }
        metrics.accountDeleted("self");
        LOG.info(() -> "Account deleted by its owner: user " + userId);
    }

    /**
     * The password checked as a login checks it: the same hash work and the same throttle for the username
     * and the address, so that a stolen access token is no faster a password oracle than the login.
     */
    private User proveOwner(String userId, String password, String field, String clientAddress, FieldErrors errors) {
        User user = store.find(userId).orElseThrow(InvalidToken::new);
        if (password == null) {
            return user;
        }
        String key = UsernamePolicy.key(user.username());
        throttle.check(key, clientAddress);
        if (hasher.matches(password, user.passwordHash())) {
            throttle.succeeded(key);
        } else {
            throttle.failed(key, clientAddress);
            LOG.info(() -> "Wrong password for " + field + " of user " + userId + " from " + clientAddress);
            errors.add(field, UserStore.WRONG_PASSWORD);
        }
        return user;
    }

    public Optional<User> findActive(String id) {
        return store.find(id).filter(User::active);
    }
}
