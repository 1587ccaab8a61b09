package dev.usermanagement.users.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.usermanagement.grid.DataGrid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle();

    @BeforeEach
    void configure() {
        throttle.clock = clock;
        throttle.grid = new DataGrid(); // not looked up: no grid, counts stay local
        throttle.usernameFreeFailures = 3;
        throttle.addressFreeFailures = 5;
        throttle.firstWaitSeconds = 1;
        throttle.maxWaitSeconds = 8;
        throttle.forgetAfterSeconds = 900;
        throttle.maxTracked = 1000;
        throttle.start();
    }

    private long waitFor(String user, String address) {
        return assertThrows(Throttled.class, () -> throttle.check(user, address)).getMessage().chars()
                .filter(Character::isDigit).mapToObj(Character::toString).reduce("", String::concat).transform(Long::parseLong);
    }

    private void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void freeFailuresCostNothingThenTheWaitDoublesUpToTheCap() {
        fail(3, "alice", "a1");
        assertDoesNotThrow(() -> throttle.check("alice", "a1"));
        fail(1, "alice", "a2");
        assertEquals(1, waitFor("alice", "a3"));
        fail(1, "alice", "a2");
        assertEquals(2, waitFor("alice", "a3"));
        fail(3, "alice", "a4");
        assertEquals(8, waitFor("alice", "a3"), "capped, never a lockout");
        clock.advance(Duration.ofSeconds(8));
        assertDoesNotThrow(() -> throttle.check("alice", "a3"));
    }

    @Test
    void theMessageAndRetryAfterTellTheWait() {
        fail(4, "bob", "b1");
        Throttled throttled = assertThrows(Throttled.class, () -> throttle.check("bob", "b2"));
        assertEquals("Request was throttled. Expected available in 1 seconds.", throttled.getMessage());
        assertEquals("{\"detail\":\"Request was throttled. Expected available in 1 seconds.\"}", throttled.body().toString());
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        fail(6, "carol", "c1");
        throttle.succeeded("carol");
        assertDoesNotThrow(() -> throttle.check("carol", "c2"));
        assertEquals(1, waitFor("someone-else", "c1"), "the address keeps its six failures");
    }

    @Test
    void oneAddressSprayingManyUsernamesIsSlowedDown() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("user" + i, "spray");
        }
        assertEquals(1, waitFor("fresh-user", "spray"));
        assertDoesNotThrow(() -> throttle.check("fresh-user", "elsewhere"));
    }

    @Test
    void oldFailuresAreForgotten() {
        fail(4, "dave", "d1");
        clock.advance(Duration.ofSeconds(901));
        fail(1, "dave", "d1");
        assertDoesNotThrow(() -> throttle.check("dave", "d2"));
    }

    static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
