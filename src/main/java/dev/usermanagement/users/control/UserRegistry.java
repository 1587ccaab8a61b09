package dev.usermanagement.users.control;

import dev.usermanagement.health.ServiceMetrics;
import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.LogText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Logger;

/** Registration and authentication. Hashing happens outside any transaction: it is the slow part. */
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
            store.changePasswordHash(user.id(), hasher.hash(credentials.password()));
        }
        return user;
    }

    public Optional<User> findActive(String id) {
        return store.find(id).filter(User::active);
    }
}
