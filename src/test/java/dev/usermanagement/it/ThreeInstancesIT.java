package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three uber jars on one database, their data grid on loopback (TCP/IP member list, no multicast), as a
 * load balancer uses them (issue 15). On PostgreSQL when USERS_DB_URL names it (the it-postgresql pass),
 * otherwise on H2 over TCP. Every way of ending a session is answered only once the other two refuse it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeInstancesIT {

    static final int LOGOUTS = 200;
    /** Logouts before those measured: three cold JVMs compiling at once on two cores would time the JIT. */
    static final int WARM_UP = 60;
    static final int EACH_OTHER_ENDING = 20;
    static final Duration P99_LIMIT = Duration.ofMillis(100);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    private static final Duration GRID_FORMS = Duration.ofSeconds(90);

    private static Path root;
    private static Server h2;
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();
    private static final List<Integer> GRID_PORTS = new ArrayList<>();
    private static final ServiceProcess[] INSTANCES = new ServiceProcess[3];
    /** One client per instance: each HttpClient has its own selector thread and connections. */
    private static final Api[] APIS = new Api[3];
    private static final String OPERATOR = Api.uniqueName();
    private static final List<String> ENDED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startThree() throws Exception {
        root = Files.createTempDirectory(Path.of("target"), "three-instances-it");
        ENVIRONMENT.put("USERS_DB_URL", emptyDatabase());
        ENVIRONMENT.put("USERS_TOKEN_KEY_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(randomBytes(32)));
        ENVIRONMENT.put("USERS_ADMIN_USERNAMES", OPERATOR);
        for (int i = 0; i < 3; i++) {
            GRID_PORTS.add(ServiceProcess.freePort());
        }
        for (int i = 0; i < 3; i++) {
            INSTANCES[i] = start(i);
        }
        for (int i = 0; i < 3; i++) {
            INSTANCES[i].awaitReady();
            APIS[i] = INSTANCES[i].api();
        }
        awaitGrid(3, INSTANCES);
    }

    /**
     * A schema of its own on the PostgreSQL of USERS_DB_URL, or a new H2 over TCP: three instances meet an
     * empty database at once, with no shared disk (each has its own data folder, the keys are in the database).
     */
    private static String emptyDatabase() throws SQLException, IOException {
        String postgresql = System.getenv("USERS_DB_URL");
        if (postgresql == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
            h2 = Server.createTcpServer("-tcpPort", String.valueOf(ServiceProcess.freePort()),
                    "-baseDir", root.resolve("db").toString(), "-ifNotExists").start();
            return "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/./users";
        }
        String schema = "three_instances_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(postgresql)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return postgresql + (postgresql.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, Objects.requireNonNullElse(System.getenv("USERS_DB_USER"), ""),
                Objects.requireNonNullElse(System.getenv("USERS_DB_PASSWORD"), ""));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static ServiceProcess start(int index) throws IOException {
        String members = String.join(",", GRID_PORTS.stream().map(port -> "127.0.0.1:" + port).toList());
        return ServiceProcess.start(root.resolve("data-" + index), "instance-" + index + "-" + UUID.randomUUID(), ENVIRONMENT,
                List.of("--clustermode", "tcpip:" + members, "--startport", String.valueOf(GRID_PORTS.get(index)),
                        "--clustername", "three-instances-" + root.getFileName()));
    }

    /**
     * Payara logs "DG Size: n" at start and on some changes of the grid, not on every member for every
     * change: the grid has n members once one of these has logged it after the given log position.
     */
    private static void awaitGrid(int size, ServiceProcess... members) throws InterruptedException {
        awaitGrid(size, members, new int[members.length]);
    }

    private static void awaitGrid(int size, ServiceProcess[] members, int[] since) throws InterruptedException {
        Instant deadline = Instant.now().plus(GRID_FORMS);
        while (IntStream.range(0, members.length).noneMatch(i -> members[i].log().indexOf("DG Size: " + size, since[i]) >= 0)) {
            assertTrue(Instant.now().isBefore(deadline), "grid of " + size + " not formed; see the logs in " + root);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        for (ServiceProcess instance : INSTANCES) {
            if (instance != null) {
                instance.kill();
            }
        }
        if (h2 != null) {
            h2.stop();
        }
    }

    private static Api api(int index) {
        return APIS[index];
    }

    /**
     * How one ending went, in µs from the moment its request was sent: when its 200 came, when both other
     * instances had refused a request, and what they accepted after the 200.
     */
    record Ending(long answeredMicros, long refusedEverywhereMicros, List<String> acceptedAfterTheAnswer) {

        /** From the 200 on, the contract's "from that response on": a poll interval plus one GET /me here. */
        long refusedAfterTheAnswerMicros() {
            return Math.max(0, refusedEverywhereMicros - answeredMicros);
        }
    }

    /** Started at once on an empty database: one key ring, sealed with the key-encryption key, served by all. */
    @Test
    @Order(0)
    void threeInstancesStartedAtOnceOnAnEmptyDatabaseShareOneKeyRing() throws Exception {
        String jwks = api(0).get("/api/users/jwks/").body();
        assertEquals(1, JWKSet.parse(jwks).getKeys().size(), jwks);
        assertEquals(jwks, api(1).get("/api/users/jwks/").body());
        assertEquals(jwks, api(2).get("/api/users/jwks/").body());
        Api.Session session = api(0).newSession();
        assertEquals(200, api(1).me(session.access()).status(), "a token of one instance is good on the others");
        assertEquals(200, api(2).refresh(session.refresh()).status());
        try (Connection connection = connect(ENVIRONMENT.get("USERS_DB_URL"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT ring FROM signing_key_ring")) {
            assertTrue(rows.next());
            String ring = rows.getString(1);
            assertFalse(rows.next(), "one row");
            assertEquals(5, ring.split("\\.", -1).length, "sealed (JWE compact), not JSON: " + ring.substring(0, 20));
        }
        for (ServiceProcess instance : INSTANCES) {
            assertFalse(instance.log().contains("stored in the database unencrypted"), "no warning with a key-encryption key");
        }
    }

    @Test
    @Order(1)
    void aLogoutIsRefusedOnEveryInstanceFromItsResponseOn() throws Exception {
        Api.Session first = api(0).newSession();
        List<Ending> endings = new ArrayList<>();
        for (int i = 0; i < WARM_UP + LOGOUTS; i++) {
            int actor = i % 3;
            Api.Session session = api((i + 1) % 3).loginAgain(first);
            endings.add(measure(session.access(), actor, api -> api.post("/api/users/logout/", "{}",
                    "Authorization", "Bearer " + session.access())));
        }
        report("logout", endings.subList(WARM_UP, endings.size()), endings.subList(0, WARM_UP));
    }

    @Test
    @Order(2)
    void logoutEverywherePasswordChangeAndDeactivationAreRefusedEverywhereToo() throws Exception {
        List<Ending> everywhere = new ArrayList<>();
        List<Ending> passwordChanges = new ArrayList<>();
        List<Ending> deactivations = new ArrayList<>();
        Api.Session operator = operator();
        for (int i = 0; i < EACH_OTHER_ENDING; i++) {
            int actor = i % 3;
            Api.Session phone = api((i + 1) % 3).newSession();
            Api.Session laptop = api((i + 2) % 3).loginAgain(phone);
            everywhere.add(measure(phone.access(), actor, api -> api.post("/api/users/logout/all/", "{}",
                    "Authorization", "Bearer " + laptop.access())));

            Api.Session tablet = api((i + 1) % 3).newSession();
            Api.Session desk = api((i + 2) % 3).loginAgain(tablet);
            String change = "{\"current_password\":\"" + tablet.password() + "\",\"new_password\":\"New-" + UUID.randomUUID() + "\"}";
            passwordChanges.add(measure(tablet.access(), actor, api -> api.post("/api/users/password/", change,
                    "Authorization", "Bearer " + desk.access())));

            Api.Session victim = api((i + 1) % 3).newSession();
            String id = api(actor).me(victim.access()).json().getString("id");
            deactivations.add(measure(victim.access(), actor, api -> api.send("PATCH", "/api/users/admin/users/" + id + "/",
                    Api.JSON, "{\"is_active\":false}", "Authorization", "Bearer " + operator.access())));
        }
        report("logout everywhere", everywhere, List.of());
        report("password change", passwordChanges, List.of());
        report("deactivation", deactivations, List.of());
    }

    private static Api.Session operator() {
        String password = "Pw-" + UUID.randomUUID();
        assertEquals(201, api(0).register(OPERATOR, password).status());
        return api(1).loginAgain(new Api.Session(OPERATOR, password, null, null));
    }

    /**
     * Both other instances poll GET /me with the access token while the actor ends its session: no poll
     * sent after the actor's 200 may be accepted, and the time until both refuse is measured from the moment
     * the ending request was sent.
     */
    private static Ending measure(String access, int actor, Function<Api, Api.Reply> end) throws InterruptedException {
        List<Integer> others = IntStream.range(0, 3).filter(i -> i != actor).boxed().toList();
        for (int other : others) {
            assertEquals(200, api(other).me(access).status(), "live on instance " + other + " before the ending");
        }
        var answeredAt = new AtomicLong(Long.MAX_VALUE);
        var refusedAt = new long[others.size()];
        List<String> acceptedAfter = new CopyOnWriteArrayList<>();
        List<Thread> pollers = new ArrayList<>();
        for (int o = 0; o < others.size(); o++) {
            int slot = o;
            Api poller = api(others.get(o));
            pollers.add(Thread.ofPlatform().start(() -> refusedAt[slot] = pollUntilRefused(poller, access, answeredAt,
                    acceptedAfter, "instance " + others.get(slot))));
        }
        long sent = System.nanoTime();
        Api.Reply reply = end.apply(api(actor));
        answeredAt.set(System.nanoTime());
        for (Thread poller : pollers) {
            poller.join();
        }
        assertEquals(200, reply.status(), reply.body());
        ENDED.add(access);
        long refused = Math.max(refusedAt[0], refusedAt[1]);
        return new Ending((answeredAt.get() - sent) / 1000, (refused - sent) / 1000, acceptedAfter);
    }

    /** The time of the first refusal; returns once a poll sent after the answer has been refused too. */
    private static long pollUntilRefused(Api api, String access, AtomicLong answeredAt, List<String> acceptedAfter, String name) {
        long firstRefusal = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            int status = api.me(access).status();
            long got = System.nanoTime();
            boolean afterTheAnswer = sent > answeredAt.get();
            if (status != 401 && afterTheAnswer) {
                acceptedAfter.add(name + " answered " + status + " " + (sent - answeredAt.get()) / 1000 + " µs after the 200");
            }
            if (status == 401 && firstRefusal == 0) {
                firstRefusal = got;
            }
            if (status == 401 && afterTheAnswer) {
                return firstRefusal;
            }
            pause();
        }
        acceptedAfter.add(name + " never refused within 20 s");
        return deadline;
    }

    /** Two pollers at full speed would take both cores from the three instances and slow the ending they time. */
    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every ending is checked for acceptance after its 200; the warm-up ones are not timed. */
    private static void report(String kind, List<Ending> endings, List<Ending> warmUp) {
        List<String> accepted = java.util.stream.Stream.concat(warmUp.stream(), endings.stream())
                .flatMap(e -> e.acceptedAfterTheAnswer().stream()).toList();
        List<Long> answered = endings.stream().map(Ending::answeredMicros).toList();
        List<Long> fromSend = endings.stream().map(Ending::refusedEverywhereMicros).toList();
        List<Long> fromAnswer = endings.stream().map(Ending::refusedAfterTheAnswerMicros).toList();
        System.out.printf("ThreeInstancesIT %s x%d (+%d warm-up): 200 after p50 %.1f p99 %.1f ms; both others refuse,"
                        + " from the request: p50 %.1f p99 %.1f max %.1f ms, from the 200: p50 %.1f p99 %.1f max %.1f ms;"
                        + " accepted after the 200: %d%n", kind, endings.size(), warmUp.size(),
                ms(answered, 0.5), ms(answered, 0.99), ms(fromSend, 0.5), ms(fromSend, 0.99), ms(fromSend, 1.0),
                ms(fromAnswer, 0.5), ms(fromAnswer, 0.99), ms(fromAnswer, 1.0), accepted.size());
        assertEquals(List.of(), accepted, kind + ": requests sent after the 200 were accepted");
        assertTrue(percentile(fromAnswer, 0.99) < P99_LIMIT.toNanos() / 1000,
                kind + ": p99 from the 200 until both refuse " + ms(fromAnswer, 0.99) + " ms");
    }

    private static double ms(List<Long> micros, double fraction) {
        return percentile(micros, fraction) / 1000.0;
    }

    private static long percentile(List<Long> values, double fraction) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    /** users.throttle.username.free-failures (5) wrong passwords in all, spread over the three: the next waits everywhere. */
    @Test
    @Order(3)
    void failedLoginsCountOnceAcrossTheInstances() {
        Api.Session victim = api(0).newSession();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, api(i % 3).login(victim.username(), "wrong-" + i).status(), "free failure " + i);
        }
        assertEquals(401, api(2).login(victim.username(), "wrong-again").status(), "the sixth failure starts the wait");
        for (int i = 0; i < 3; i++) {
            Api.Reply reply = api(i).login(victim.username(), victim.password());
            assertEquals(429, reply.status(), "instance " + i + " knows the other instances' failures: " + reply.body());
        }
    }

    /**
     * A member that cannot confirm (SIGSTOP: alive to the grid, deaf to messages) costs one bounded wait,
     * is named in the log and fenced; once it runs again it refuses the ended session and is waited for again.
     */
    @Test
    @Order(4)
    void aMemberThatDoesNotConfirmIsNamedFencedAndWaitedForAgainOnceBack() throws Exception {
        Api.Session session = api(0).newSession();
        assertEquals(200, api(2).me(session.access()).status());
        signal("STOP", INSTANCES[2]);
        long sent = System.nanoTime();
        Api.Reply logout;
        try {
            logout = api(0).post("/api/users/logout/", "{}", "Authorization", "Bearer " + session.access());
        } finally {
            signal("CONT", INSTANCES[2]);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertEquals(200, logout.status());
        assertTrue(took.compareTo(Duration.ofMillis(1900)) > 0 && took.compareTo(Duration.ofSeconds(6)) < 0,
                "one bounded wait (users.session.revocation-wait-millis, 2 s): " + took);
        assertTrue(INSTANCES[0].log().contains("No confirmation within 2000 ms"), "the late member is named");
        ENDED.add(session.access());
        Instant deadline = Instant.now().plusSeconds(10);
        while (api(2).me(session.access()).status() != 401) {
            assertTrue(Instant.now().isBefore(deadline), "the fenced member refuses the ended session once it runs");
            Thread.sleep(50);
        }
        Api.Session next = api(1).loginAgain(session);
        List<Ending> after = List.of(measure(next.access(), 0, api -> api.post("/api/users/logout/", "{}",
                "Authorization", "Bearer " + next.access())));
        report("logout after the fence", after, List.of());
        assertTrue(after.get(0).answeredMicros() < 1_000_000, "no second wait: the member confirms again");
        assertEquals(1, INSTANCES[0].log().split("No confirmation within", -1).length - 1, "named once");
    }

    private static void signal(String signal, ServiceProcess instance) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(instance.process().pid())).start().waitFor());
    }

    /**
     * kill -9 of one instance under a round-robin load of the four writes: every write acknowledged before
     * or after is kept, the other two keep serving, the grid re-forms without it and again with it once it
     * is restarted, and no ended session, including those ended earlier in this class, is ever accepted.
     */
    @Test
    @Order(5)
    void killingOneUnderLoadLosesNothingAndTheGridReformsAroundIt() throws Exception {
        var ledger = new CrashIT.Ledger();
        var stop = new AtomicBoolean();
        var next = new AtomicInteger();
        var servedAfterKill = new AtomicInteger();
        var killed = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CrashIT.CLIENTS; c++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    int before = ledger.acknowledged();
                    try {
                        CrashIT.oneWrite(api(Math.floorMod(next.getAndIncrement(), 3)), ledger);
                    } catch (UncheckedIOException instanceGone) {
                        continue; // not acknowledged, so not promised; a load balancer would retry elsewhere
                    }
                    if (killed.get() && ledger.acknowledged() > before) {
                        servedAfterKill.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(4000);
        ServiceProcess[] survivors = {INSTANCES[0], INSTANCES[1]};
        int[] logsBefore = {survivors[0].log().length(), survivors[1].log().length()};
        INSTANCES[2].kill();
        killed.set(true);
        awaitGrid(2, survivors, logsBefore);
        Thread.sleep(3000);
        stop.set(true);
        for (Thread client : clients) {
            client.join();
        }
        INSTANCES[2] = start(2).awaitReady();
        APIS[2] = INSTANCES[2].api();
        awaitGrid(3, INSTANCES[2]);

        List<String> lost = new ArrayList<>(CrashIT.verify(api(2), ledger, 1));
        for (int i = 0; i < 3; i++) {
            for (String access : ENDED) {
                if (api(i).me(access).status() != 401) {
                    lost.add("instance " + i + " accepts a session ended earlier");
                }
            }
        }
        System.out.printf("ThreeInstancesIT kill -9: %d writes acknowledged, %d of them after the kill, %d lost%n",
                ledger.acknowledged(), servedAfterKill.get(), lost.size());
        assertTrue(servedAfterKill.get() > 0, "the other two kept serving");
        assertEquals(List.of(), lost);
    }
}
