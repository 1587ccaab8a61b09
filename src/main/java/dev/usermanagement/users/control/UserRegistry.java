package dev.usermanagement.users.control;

import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.FieldErrors;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Registration and authentication. Hashing happens outside any transaction: it is the slow part. */
@ApplicationScoped
public class UserRegistry {

    @Inject
    UserStore store;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    PasswordHasher hasher;

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
            errors.addAll("password", passwordPolicy.violations(credentials.password()));
        }
        errors.throwIfAny();
        User user = new User(username, UsernamePolicy.key(username), hasher.hash(credentials.password()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        store.add(user);
        return user;
    }

    /** The active user with these credentials; the same work and answer for every kind of failure. */
    public User authenticate(Credentials credentials) {
        Optional<User> found = store.findByKey(UsernamePolicy.key(credentials.username()));
        if (found.isEmpty()) {
            hasher.matchDecoy(credentials.password());
            throw new InvalidCredentials();
        }
        User user = found.get();
        if (!hasher.matches(credentials.password(), user.passwordHash()) || !user.active()) {
            throw new InvalidCredentials();
        }
        if (hasher.outdated(user.passwordHash())) {
            store.changePasswordHash(user.id(), hasher.hash(credentials.password()));
        }
        return user;
    }

    public Optional<User> findActive(String id) {
        return store.find(id).filter(User::active);
    }
}
