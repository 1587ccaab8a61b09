package dev.usermanagement.tokens.control;

import dev.usermanagement.health.ServiceMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Access tokens that MicroProfile JWT has verified, remembered by their exact text until they expire. A
 * client sends the same token with every request of its lifetime; a byte-identical token needs neither its
 * signature checked nor its claims parsed again, and a token that differs in any character is not found
 * here and goes through MicroProfile JWT. Revocation is not answered here: AccessTokenCheck asks
 * LiveSessions on every request. A changed key ring forgets everything, so no token of a retired key is
 * accepted from here after MicroProfile JWT itself would refuse it.
 */
@ApplicationScoped
public class AcceptedTokens {

    /** What the container made of the token, and the second (its exp claim) from which it is refused. */
    public record Accepted(JsonWebToken caller, Set<String> groups, long expiresAt) {

        boolean liveAt(long epochSecond) {
            return epochSecond < expiresAt; // MicroProfile JWT's own rule: valid while now < exp
        }
    }

    @Inject
    Clock clock;

    @Inject
    ServiceMetrics metrics;

    @Inject
    @ConfigProperty(name = "users.token.accepted-cache-max-entries", defaultValue = "4096")
    int maxEntries;

    private final ConcurrentHashMap<String, Accepted> accepted = new ConcurrentHashMap<>();

    public Optional<Accepted> find(String token) {
        Accepted entry = accepted.get(token);
        if (entry == null) {
            return Optional.empty();
        }
        if (!entry.liveAt(clock.instant().getEpochSecond())) {
            accepted.remove(token, entry);
            return Optional.empty();
        }
        metrics.acceptedTokenReused();
        return Optional.of(entry);
    }

    /** Remembers what MicroProfile JWT accepted for exactly this text; when full, live entries are kept. */
    public void remember(String token, JsonWebToken verified, Set<String> groups) {
        if (!token.equals(verified.getRawToken())) {
            return;
        }
        if (accepted.size() >= maxEntries) {
            long now = clock.instant().getEpochSecond();
            accepted.values().removeIf(entry -> !entry.liveAt(now));
            if (accepted.size() >= maxEntries) {
                return;
            }
        }
        accepted.put(token, new Accepted(verified, groups == null ? Set.of() : Set.copyOf(groups), verified.getExpirationTime()));
    }

    void keysChanged(@Observes KeyRingChanged changed) {
        accepted.clear();
    }
}
