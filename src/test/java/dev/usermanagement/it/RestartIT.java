package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.it.Api.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The uber jar killed with SIGKILL and started again on the same data folder: what it acknowledged is
 * still there, its key is reused, and a second instance on another folder runs beside it in its own grid.
 */
class RestartIT {

    private static final Pattern GRID_NAME = Pattern.compile("DataGrid: (\\S+)");
    private static final String OPERATOR = "restart-operator";
    private static final String ADMIN = "/api/users/admin/users/";

    @Test
    void acknowledgedWritesAndKeysSurviveAKillAndInstancesKeepTheirOwnGrid() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "restart-it");
        Path dataA = root.resolve("a");
        ServiceProcess first = ServiceProcess.start(dataA, "a-first", Map.of("USERS_ADMIN_USERNAMES", OPERATOR)).awaitReady();
        Api api = first.api();
        Session operator = operatorSession(api);
        assertEquals(200, api.get(ADMIN, "Authorization", "Bearer " + operator.access()).status());
        assertTrue(first.log().lines().anyMatch(line -> line.matches(
                "INFO: operator_action operator_id=[0-9a-f-]{36} operator=" + OPERATOR + " action=list target=- time=\\S+Z")), first.log());
        Session kept = api.newSession();
        Session loggedOut = api.loginAgain(kept);
        assertEquals(200, api.post("/api/users/logout/", "{}", "Authorization", "Bearer " + loggedOut.access()).status());
        List<Session> lastWrites = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lastWrites.add(api.newSession());
        }
        String jwks = api.get("/api/users/jwks/").body();
        first.kill();

        ServiceProcess again = ServiceProcess.start(dataA, "a-again");
        ServiceProcess other = ServiceProcess.start(root.resolve("b"), "b");
        again.awaitReady();
        other.awaitReady();
        try {
            assertEveryCounterExportedAtZero(other.api().get("/metrics?scope=application").body());
            Api restarted = again.api();
            assertEquals(jwks, restarted.get("/api/users/jwks/").body(), "the signing key is reused");
            assertEquals(200, restarted.me(kept.access()).status(), "tokens from before the kill validate");
            assertEquals(200, restarted.refresh(kept.refresh()).status());
            assertEquals(401, restarted.me(loggedOut.access()).status(), "a logout stays a logout");
            assertEquals(200, restarted.me(operator.access()).status());
            assertEquals(403, restarted.get(ADMIN, "Authorization", "Bearer " + operator.access()).status(),
                    "a token minted while the name was listed is refused once it is not");
            assertEquals(401, restarted.refresh(loggedOut.refresh()).status());
            for (Session session : lastWrites) {
                assertEquals(200, restarted.login(session.username(), session.password()).status(), session.username());
            }
            assertEquals(401, other.api().me(kept.access()).status(), "another data folder has other keys");
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dataA)));

            ServiceProcess intruder = ServiceProcess.start(dataA, "a-second");
            assertEquals(2, intruder.awaitExit(Duration.ofSeconds(120)), "a second instance on the same folder stops at once");
            assertTrue(intruder.log().contains("is in use by another instance"), intruder.log());
            assertEquals(200, restarted.get("/api/users/jwks/").status(), "and leaves the first one alone");

            assertEquals(401, restarted.me("a.forged.token").status());
            assertEquals(401, restarted.refresh("a.forged.token").status());
            String againLog = again.log();
            assertTrue(againLog.contains("Refused a Bearer token for GET /api/users/me/ from 127.0.0.1"), "one line per refused token");
            assertTrue(againLog.contains("Refused a refresh token: "));
            assertFalse(againLog.contains("Exception trying to parse JWT token") || againLog.contains("JWTProcessingException"),
                    "a bad token is routine: no stack trace");

            String gridA = gridName(again.log());
            String gridB = gridName(other.log());
            assertNotEquals(gridA, gridB);
            for (String log : List.of(again.log(), other.log())) {
                assertTrue(log.contains("DG Size: 1"), "each instance formed a grid of its own");
                assertFalse(log.contains("DG Size: 2"), "no instance joined the other's grid");
            }
        } finally {
            again.kill();
            other.kill();
        }
    }

    /** Operators get one line naming the setting and exit code 78 (EX_CONFIG), not a deployment stack trace. */
    @Test
    void aWrongSettingStopsTheStartWithOneLineNamingIt() throws Exception {
        Path root = Files.createTempDirectory(Path.of("target"), "settings-it");
        Path garbageKeys = Files.writeString(root.resolve("garbage.json"), "not a JWK Set");
        Map<String, Map<String, String>> cases = Map.of(
                "users.token.access-lifetime-seconds", Map.of("USERS_TOKEN_ACCESS_LIFETIME_SECONDS", "-5"),
                "users.token.algorithm", Map.of("USERS_TOKEN_ALGORITHM", "HS256"),
                "users.token.key-file", Map.of("USERS_TOKEN_KEY_FILE", garbageKeys.toString()),
                "users.token.key-encryption-key", Map.of("USERS_TOKEN_KEY_ENCRYPTION_KEY", "c2hvcnQ="),
                "users.db.url", Map.of("USERS_DB_URL", "jdbc:mysql://127.0.0.1/users?password=secret"));
        Map<String, ServiceProcess> starts = new TreeMap<>();
        for (var wrong : cases.entrySet()) {
            starts.put(wrong.getKey(), ServiceProcess.start(root.resolve(wrong.getKey()), wrong.getKey(), wrong.getValue()));
        }
        for (var start : starts.entrySet()) {
            int exit = start.getValue().awaitExit(Duration.ofSeconds(120));
            String log = start.getValue().log();
            assertEquals(78, exit, start.getKey() + " did not stop the start with 78: " + log);
            List<String> severe = log.lines().filter(line -> line.startsWith("SEVERE:")).toList();
            assertEquals(1, severe.size(), log);
            assertTrue(severe.get(0).startsWith("SEVERE: Invalid setting " + start.getKey() + " (environment USERS_"), severe.get(0));
            assertTrue(log.lines().noneMatch(line -> line.startsWith("\tat ")), "no stack trace: " + log);
            assertFalse(log.contains("secret"), "a URL's password is not repeated");
        }
    }

    private static Session operatorSession(Api api) {
        assertEquals(201, api.register(OPERATOR, "Kept-secret-77").status());
        return api.loginAgain(new Session(OPERATOR, "Kept-secret-77", null, null));
    }

    /** A fresh instance exports every labelled series at 0, so that rates and alerts work from the start. */
    private static void assertEveryCounterExportedAtZero(String metrics) {
        for (String series : List.of("logins_total{mp_scope=\"application\",outcome=\"succeeded\"} 0.0",
                "logins_total{mp_scope=\"application\",outcome=\"failed\"} 0.0",
                "logins_total{mp_scope=\"application\",outcome=\"throttled\"} 0.0",
                "registrations_total{mp_scope=\"application\"} 0.0", "refreshes_total{mp_scope=\"application\"} 0.0",
                "logouts_total{mp_scope=\"application\"} 0.0", "revoked_token_rejections_total{mp_scope=\"application\"} 0.0",
                "accepted_token_reuses_total{mp_scope=\"application\"} 0.0",
                "password_hash_time_seconds_count{mp_scope=\"application\"} 0.0")) {
            assertTrue(metrics.lines().anyMatch(series::equals), series + " in " + metrics);
        }
    }

    private static String gridName(String log) {
        Matcher matcher = GRID_NAME.matcher(log);
        assertTrue(matcher.find(), "the log names the data grid");
        return matcher.group(1);
    }
}
