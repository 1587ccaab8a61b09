package dev.usermanagement.sessions.control;

import dev.usermanagement.sessions.entity.UserSession;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.users.entity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The revocation lookup of every authenticated request: a remembered session among 100,000. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class LiveSessionsBenchmark {

    private static final int SESSIONS = 100_000;

    private LiveSessions live;
    private List<String> sessionIds;

    @Setup
    public void remember() {
        Instant now = Instant.now();
        User user = new User("alice", "alice", "hash", now);
        List<UserSession> sessions = IntStream.range(0, SESSIONS)
                .mapToObj(i -> new UserSession(user.id(), now, now.plus(Duration.ofDays(30)), "digest")).toList();
        live = new LiveSessions();
        live.clock = Clock.systemUTC();
        live.cacheSeconds = 3600;
        live.maxEntries = SESSIONS + 1;
        live.users = new UserRegistry() {
            @Override
            public Optional<User> findActive(String id) {
                return Optional.of(user);
            }
        };
        sessionIds = sessions.stream().map(UserSession::id).toList();
        Map<String, UserSession> byId = sessions.stream().collect(Collectors.toMap(UserSession::id, s -> s));
        live.sessions = new SessionStore() {
            @Override
            public Optional<UserSession> findLive(String sessionId) {
                return Optional.ofNullable(byId.get(sessionId));
            }
        };
        sessionIds.forEach(live::find);
    }

    @Benchmark
    public boolean findARememberedSession() {
        return live.find(sessionIds.get(ThreadLocalRandom.current().nextInt(SESSIONS))).isPresent();
    }
}
