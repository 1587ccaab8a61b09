package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.it.Api.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/**
 * The database as a separate server that goes away and comes back (H2 over TCP on loopback, standing in
 * for PostgreSQL): requests get a quick JSON 503, readiness goes down, and the service recovers by itself.
 */
class DatabaseOutageIT {

    @Test
    void aDatabaseThatGoesAwayIsA503UntilItIsBackWithoutARestart() throws Exception {
        System.setProperty("h2.bindAddress", "127.0.0.1");
        Path root = Files.createTempDirectory(Path.of("target"), "outage-it");
        int port = ServiceProcess.freePort();
        String[] serverArgs = {"-tcpPort", String.valueOf(port), "-baseDir", root.resolve("db").toString(), "-ifNotExists"};
        Server database = Server.createTcpServer(serverArgs).start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/./users";
        // H2's TCP client retries a refused connect 16 times by default; PostgreSQL's fails at once.
        ServiceProcess service = ServiceProcess.start(root.resolve("data"), "service",
                Map.of("USERS_DB_URL", url, "JAVA_TOOL_OPTIONS", "-Dh2.socketConnectRetry=1")).awaitReady();
        try {
            Api api = service.api();
            Api.Session session = api.newSession();
            assertEquals(200, api.get("/health/ready").status());

            database.stop();
            long started = System.nanoTime();
            Reply refused = api.login(session.username(), session.password());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("503 {\"detail\":\"Service temporarily unavailable, try again later.\"}", refused.status() + " " + refused.body());
            assertEquals("5", refused.header("Retry-After"));
            assertTrue(millis < 10_000, "answered in " + millis + " ms");
            assertEquals(503, api.register(Api.uniqueName(), "outage-password-1").status());
            Reply readiness = api.get("/health/ready");
            assertEquals(503, readiness.status(), readiness.body());
            assertTrue(readiness.body().contains("DOWN"), readiness.body());

            database = Server.createTcpServer(serverArgs).start();
            assertEquals(200, api.login(session.username(), session.password()).status(), "recovered without a restart");
            assertEquals(200, api.me(session.access()).status());
            assertEquals(200, api.get("/health/ready").status());
        } finally {
            service.kill();
            database.stop();
        }
    }
}
