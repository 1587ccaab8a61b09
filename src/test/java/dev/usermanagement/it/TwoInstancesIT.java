package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * Two uber jars on one database (H2 over TCP, standing in for PostgreSQL) and one key file, as a load
 * balancer would use them: each answers GET /me from memory, and a logout on one is refused on the other
 * at once, long before the memory would expire by itself (users.session.cache-seconds, 30 s).
 */
class TwoInstancesIT {

    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @Test
    void aLogoutOnOneInstanceIsRefusedOnTheOtherAtOnce() throws Exception {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        Path root = Files.createTempDirectory(Path.of("target"), "two-instances-it");
        Server database = Server.createTcpServer("-tcpPort", String.valueOf(ServiceProcess.freePort()),
                "-baseDir", root.resolve("db").toString(), "-ifNotExists").start();
        Map<String, String> shared = Map.of(
                "USERS_DB_URL", "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/./users",
                "USERS_TOKEN_KEY_FILE", root.resolve("keys/signing-jwks.json").toString());
        ServiceProcess first = ServiceProcess.start(root.resolve("a"), "a", shared).awaitReady();
        ServiceProcess second = ServiceProcess.start(root.resolve("b"), "b", shared).awaitReady();
        try {
            Api a = first.api();
            Api b = second.api();
            Api.Session session = a.newSession();
            assertEquals(200, b.me(session.access()).status(), "a token from one instance is good on the other");
            assertEquals(200, a.post("/api/users/logout/", "{}", "Authorization", "Bearer " + session.access()).status());
            assertRefusedAtOnce(b, session.access());

            Api.Session phone = b.newSession();
            Api.Session laptop = b.loginAgain(phone);
            assertEquals(200, a.me(phone.access()).status());
            assertEquals(200, a.me(laptop.access()).status());
            assertEquals(200, b.post("/api/users/logout/all/", "{}", "Authorization", "Bearer " + laptop.access()).status());
            assertRefusedAtOnce(a, phone.access());
            assertRefusedAtOnce(a, laptop.access());
            for (ServiceProcess instance : List.of(first, second)) {
                assertTrue(instance.log().contains("DG Size: 2"), "both instances formed one grid");
            }
        } finally {
            first.kill();
            second.kill();
            database.stop();
        }
    }

    private static void assertRefusedAtOnce(Api instance, String access) throws InterruptedException {
        Instant deadline = Instant.now().plus(AT_ONCE);
        int status;
        while ((status = instance.me(access).status()) == 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertEquals(401, status, "still accepted " + AT_ONCE + " after the logout on the other instance");
    }
}
