package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.it.Api.Reply;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A 201 or 200 is a promise: registrations, logins, refreshes and logouts run from several clients, the
 * service is killed with SIGKILL at a random moment, restarted on the same data folder, and everything it
 * acknowledged before the kill is checked, ten times over.
 */
class CrashIT {

    static final int KILLS = 10;
    static final int CLIENTS = 4;

    record Account(String username, String password) {
    }

    record Tokens(String access, String refresh) {
    }

    /** What the service acknowledged in one round, and what is still in flight and so not promised. */
    static final class Ledger {
        final Map<String, Account> registered = new ConcurrentHashMap<>();
        final Map<String, Tokens> liveSessions = new ConcurrentHashMap<>();
        final Map<String, Tokens> loggedOut = new ConcurrentHashMap<>();

        int acknowledged() {
            return registered.size() + liveSessions.size() + loggedOut.size();
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesRepeatedKills() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "crash-it").resolve("data");
        ServiceProcess service = ServiceProcess.start(data, "start-0").awaitReady();
        int acknowledged = 0;
        List<String> lost = new ArrayList<>();
        for (int round = 1; round <= KILLS; round++) {
            Ledger ledger = new Ledger();
            List<Thread> clients = new ArrayList<>();
            Api api = service.api();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(Thread.ofPlatform().start(() -> work(api, ledger)));
            }
            Thread.sleep(ThreadLocalRandom.current().nextLong(800, 3000));
            service.kill();
            for (Thread client : clients) {
                client.join();
            }
            service = ServiceProcess.start(data, "start-" + round).awaitReady();
            acknowledged += ledger.acknowledged();
            lost.addAll(verify(service.api(), ledger, round));
        }
        service.kill();
        System.out.printf("CrashIT: %d kills survived, %d writes acknowledged before the kills, %d lost%n",
                KILLS, acknowledged, lost.size());
        assertTrue(acknowledged > KILLS * 5, "the load wrote something each round: " + acknowledged);
        assertEquals(List.of(), lost);
    }

    /** SIGTERM lets the requests in flight finish and keeps their promises, then the process exits. */
    @Test
    void sigtermFinishesRequestsInFlightThenExits() throws Exception {
        Path data = Files.createTempDirectory(Path.of("target"), "sigterm-it").resolve("data");
        ServiceProcess service = ServiceProcess.start(data, "first").awaitReady();
        Api api = service.api();
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            accounts.add(new Account(Api.uniqueName(), "Pw-" + UUID.randomUUID()));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(accounts.size());
        try {
            List<java.util.concurrent.Future<Integer>> replies = new ArrayList<>();
            for (Account account : accounts) {
                replies.add(pool.submit(() -> {
                    try {
                        return api.register(account.username(), account.password()).status();
                    } catch (UncheckedIOException refusedAfterTheSignal) {
                        return 0;
                    }
                }));
            }
            Thread.sleep(150);
            assertEquals(143, service.terminate(java.time.Duration.ofSeconds(30)), "exit code of SIGTERM, within the bound");
            List<Integer> statuses = new ArrayList<>();
            for (var reply : replies) {
                statuses.add(reply.get());
            }
            assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 0), "no request in flight failed: " + statuses);
            assertTrue(statuses.contains(201), statuses.toString());
            ServiceProcess again = ServiceProcess.start(data, "again").awaitReady();
            try {
                for (int i = 0; i < accounts.size(); i++) {
                    if (statuses.get(i) == 201) {
                        assertEquals(200, again.api().login(accounts.get(i).username(), accounts.get(i).password()).status());
                    }
                }
            } finally {
                again.kill();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client: a mix of the four writes, until the service goes away under it. */
    private static void work(Api api, Ledger ledger) {
        try {
            while (true) {
                oneWrite(api, ledger);
            }
        } catch (UncheckedIOException serviceKilled) {
            // the kill: whatever was in flight was never acknowledged
        }
    }

    /** A register, login, refresh or logout, written down in the ledger only when acknowledged. */
    static void oneWrite(Api api, Ledger ledger) {
        int dice = ThreadLocalRandom.current().nextInt(10);
        if (dice < 4 || ledger.registered.isEmpty()) {
            register(api, ledger);
        } else if (dice < 7) {
            login(api, ledger);
        } else if (dice < 8) {
            refresh(api, ledger);
        } else {
            logout(api, ledger);
        }
    }

    private static void register(Api api, Ledger ledger) {
        var account = new Account(Api.uniqueName(), "Pw-" + UUID.randomUUID());
        if (api.register(account.username(), account.password()).status() == 201) {
            ledger.registered.put(account.username(), account);
        }
    }

    private static void login(Api api, Ledger ledger) {
        var accounts = new ArrayList<>(ledger.registered.values());
        var account = accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
        Reply reply = api.login(account.username(), account.password());
        if (reply.status() == 200) {
            var tokens = new Tokens(reply.json().getString("access"), reply.json().getString("refresh"));
            ledger.liveSessions.put(tokens.refresh(), tokens);
        }
    }

    private static void refresh(Api api, Ledger ledger) {
        Tokens tokens = ledger.liveSessions.values().stream().findAny().orElse(null);
        if (tokens != null) {
            Reply reply = api.refresh(tokens.refresh());
            if (reply.status() == 200) {
                // atomic: a logout of the same session in another client may have taken it out meanwhile,
                // and a check-then-put here put that logged-out session back among the live ones
                ledger.liveSessions.computeIfPresent(tokens.refresh(), (key, old) -> new Tokens(reply.json().getString("access"), key));
            }
        }
    }

    private static void logout(Api api, Ledger ledger) {
        String key = ledger.liveSessions.keySet().stream().findAny().orElse(null);
        Tokens tokens = key == null ? null : ledger.liveSessions.remove(key);
        if (tokens != null && api.post("/api/users/logout/", "{}", "Authorization", "Bearer " + tokens.access()).status() == 200) {
            ledger.loggedOut.put(key, tokens);
        }
    }

    static List<String> verify(Api api, Ledger ledger, int round) {
        List<String> lost = new ArrayList<>();
        for (Account account : ledger.registered.values()) {
            if (api.login(account.username(), account.password()).status() != 200) {
                lost.add("round " + round + ": registered user " + account.username() + " cannot log in");
            }
        }
        for (Tokens tokens : ledger.liveSessions.values()) {
            if (api.me(tokens.access()).status() != 200 || api.refresh(tokens.refresh()).status() != 200) {
                lost.add("round " + round + ": a session issued before the kill no longer validates");
            }
        }
        for (Tokens tokens : ledger.loggedOut.values()) {
            if (api.me(tokens.access()).status() != 401 || api.refresh(tokens.refresh()).status() != 401) {
                lost.add("round " + round + ": a logged-out session came back");
            }
        }
        return lost;
    }
}
