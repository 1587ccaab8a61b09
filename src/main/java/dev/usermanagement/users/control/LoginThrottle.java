package dev.usermanagement.users.control;

import dev.usermanagement.grid.DataGrid;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Failed logins slow down further attempts for the same username and from the same client address
 * (ASVS 5 V6.3.1, OWASP "account lockout" advice): after a few free failures each one doubles the wait, up
 * to a cap, so an attacker can slow a victim down but never lock them out for long. While a wait runs no
 * password is checked at all, the right one included, so the 429 says nothing about the password. With a
 * data grid the counts are shared, so N instances behind a load balancer allow what one does; without one
 * each instance counts on its own.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String GRID_MAP = "user-management.failed-logins.";

    @Inject
    Clock clock;

    @Inject
    DataGrid grid;

    @Inject
    @ConfigProperty(name = "users.throttle.username.free-failures", defaultValue = "5")
    int usernameFreeFailures;

    @Inject
    @ConfigProperty(name = "users.throttle.address.free-failures", defaultValue = "100")
    int addressFreeFailures;

    @Inject
    @ConfigProperty(name = "users.throttle.first-wait-seconds", defaultValue = "1")
    long firstWaitSeconds;

    @Inject
    @ConfigProperty(name = "users.throttle.max-wait-seconds", defaultValue = "60")
    long maxWaitSeconds;

    /** Failures older than this are forgotten, and so is their wait. */
    @Inject
    @ConfigProperty(name = "users.throttle.forget-after-seconds", defaultValue = "900")
    long forgetAfterSeconds;

    @Inject
    @ConfigProperty(name = "users.throttle.max-tracked", defaultValue = "100000")
    int maxTracked;

    /** How long a login waits for the data grid's counts before it goes on without them. */
    @Inject
    @ConfigProperty(name = "users.throttle.grid-wait-millis", defaultValue = "500")
    long gridWaitMillis;

    private FailureCounts byUsername;
    private FailureCounts byAddress;

    @PostConstruct
    void start() {
        byUsername = counts("username");
        byAddress = counts("address");
    }

    private FailureCounts counts(String kind) {
        // kept until forgotten: the wait of the last failure can outlast forget-after-seconds
        Duration keep = forgetAfter().plusSeconds(maxWaitSeconds);
        return grid.hazelcast()
                .<FailureCounts>map(hazelcast -> new GridFailureCounts(hazelcast, GRID_MAP + kind, keep,
                        Duration.ofMillis(gridWaitMillis)))
                .orElseGet(this::local);
    }

    private FailureCounts local() {
        return new LocalFailureCounts(maxTracked, failures -> failures.forgotten(clock.instant(), forgetAfter()));
    }

    /** Throws Throttled while either the username or the address has to wait. */
    public void check(String usernameKey, String address) {
        Instant now = clock.instant();
        long wait = Math.max(waitSeconds(byUsername.get(usernameKey), now), waitSeconds(byAddress.get(address), now));
        if (wait > 0) {
            throw new Throttled(wait);
        }
    }

    public void failed(String usernameKey, String address) {
        Instant now = clock.instant();
        record(byUsername, usernameKey, usernameFreeFailures, now);
        record(byAddress, address, addressFreeFailures, now);
    }

    /** A success clears the username's count; the address keeps its own, or one account could clear it. */
    public void succeeded(String usernameKey) {
        byUsername.remove(usernameKey);
    }

    private void record(FailureCounts counts, String key, int freeFailures, Instant now) {
        counts.update(key, old -> {
            int count = old == null || old.forgotten(now, forgetAfter()) ? 1 : old.count() + 1;
            return new Failures(count, now, now.plus(delay(count - freeFailures)));
        });
    }

    private Duration delay(int beyondFree) {
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        long seconds = firstWaitSeconds << Math.min(beyondFree - 1, 30);
        return Duration.ofSeconds(Math.min(seconds, maxWaitSeconds));
    }

    private long waitSeconds(Failures failures, Instant now) {
        if (failures == null || !now.isBefore(failures.until())) {
            return 0;
        }
        long millis = Duration.between(now, failures.until()).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    private Duration forgetAfter() {
        return Duration.ofSeconds(forgetAfterSeconds);
    }
}
