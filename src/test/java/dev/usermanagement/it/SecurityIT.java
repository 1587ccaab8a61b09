package dev.usermanagement.it;

import static dev.usermanagement.it.HttpContract.TOKEN_INVALID;
import static dev.usermanagement.it.HttpContract.assertReply;
import static dev.usermanagement.it.HttpContract.assertUnauthorized;
import static dev.usermanagement.it.HttpContract.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.usermanagement.it.Api.Reply;
import dev.usermanagement.it.Api.Session;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attacks through real HTTP, with refresh rotation on and short lifetimes so that expiry, reuse and
 * throttling can be watched within a test run.
 */
@ExtendWith(ArquillianExtension.class)
class SecurityIT {

    static final long ACCESS_SECONDS = 3;
    static final long SESSION_SECONDS = 9;
    static final long GRACE_SECONDS = 2;
    /** Above what the other tests fail from 127.0.0.1; the address test sprays from 127.0.0.2. */
    static final int ADDRESS_FREE_FAILURES = 40;

    /** A reverse proxy in front of the service, as far as the service can tell. */
    static final String TRUSTED_PROXY = "127.0.0.3";

    /** A successor key every few seconds, published this long before it signs. */
    static final long KEY_ACTIVATION_SECONDS = 5;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withStolenKeys(Deployments.service(Map.ofEntries(
                Map.entry("users.token.key-rotation-seconds", "12"),
                Map.entry("users.token.key-activation-delay-seconds", String.valueOf(KEY_ACTIVATION_SECONDS)),
                Map.entry("users.token.key-check-seconds", "1"),
                // MP JWT and MP Config caches, shorter than the activation delay as in production (5 min, 15 min).
                Map.entry("mp.config.cache.duration", "0"),
                Map.entry("users.token.rotate-refresh", "true"),
                Map.entry("users.token.reuse-grace-seconds", String.valueOf(GRACE_SECONDS)),
                Map.entry("users.token.access-lifetime-seconds", String.valueOf(ACCESS_SECONDS)),
                Map.entry("users.session.absolute-lifetime-seconds", String.valueOf(SESSION_SECONDS)),
                Map.entry("users.throttle.username.free-failures", "2"),
                Map.entry("users.throttle.address.free-failures", String.valueOf(ADDRESS_FREE_FAILURES)),
                Map.entry("users.throttle.max-wait-seconds", "3"),
                Map.entry("users.http.trusted-proxies", TRUSTED_PROXY)))
                .addAsResource(new StringAsset("publicKey.cache.ttl=1000\n"), "payara-mp-jwt.properties"));
    }

    @ArquillianResource
    URL url;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(url);
    }

    /**
     * Key rotation without downtime: a successor is in the JWK Set before it signs; once it signs, tokens of
     * the old key are still accepted until they expire, and refresh tokens of the old key still refresh.
     */
    @Test
    void aNewKeyIsPublishedBeforeItSignsAndTheOldKeysTokensLiveOut() throws Exception {
        JWK successor = awaitPublishedSuccessor();
        Instant signsFrom = successor.getNotBeforeTime().toInstant();
        sleepUntil(signsFrom.minusMillis(1200));
        Session before = api.newSession();
        String oldKid = kid(before.access());
        assertNotEquals(successor.getKeyID(), oldKid, "the successor does not sign before its time");

        sleepUntil(signsFrom.plusMillis(300));
        Session after = api.loginAgain(before);
        assertEquals(successor.getKeyID(), kid(after.access()), "the successor signs from its time on");
        assertTrue(publishedKids().containsAll(Set.of(oldKid, successor.getKeyID())), "the JWK Set lists both");
        assertEquals(200, api.me(before.access()).status(), "an access token of the old key is still accepted");
        assertEquals(200, api.me(after.access()).status(), "and one of the new key");
        Reply refreshed = api.refresh(before.refresh());
        assertEquals(200, refreshed.status(), "a refresh token of the old key still refreshes");

        sleepUntil(SignedJWT.parse(before.access()).getJWTClaimsSet().getExpirationTime().toInstant().plusMillis(1100));
        assertUnauthorized(TOKEN_INVALID, api.me(before.access()));
        assertTrue(publishedKids().contains(oldKid), "the old key stays published while its refresh tokens live");
    }

    private JWK awaitPublishedSuccessor() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Instant soon = Instant.now().plusSeconds(2);
            var pending = JWKSet.parse(api.get("/api/users/jwks/").body()).getKeys().stream()
                    .filter(key -> key.getNotBeforeTime() != null && key.getNotBeforeTime().toInstant().isAfter(soon))
                    .findFirst();
            if (pending.isPresent()) {
                return pending.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no successor key was published within 60 s");
    }

    private Set<String> publishedKids() throws Exception {
        return JWKSet.parse(api.get("/api/users/jwks/").body()).getKeys().stream().map(JWK::getKeyID).collect(Collectors.toSet());
    }

    private static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static void sleepUntil(Instant moment) throws InterruptedException {
        long millis = Duration.between(Instant.now(), moment).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    @Test
    void noForgedOrAlteredAccessTokenIsAccepted() throws Exception {
        Session session = api.newSession();
        assertEquals(200, api.me(session.access()).status(), "accepted once, so remembered: altered copies must still fail");
        Map<String, String> attacks = new ForgedTokens(api).attacksOn(session.access(), api.loginAgain(session).access());
        for (var attack : attacks.entrySet()) {
            Reply reply = api.me(attack.getValue());
            assertEquals("401 " + TOKEN_INVALID, reply.status() + " " + reply.body(), attack.getKey());
            assertEquals("Bearer", reply.header("WWW-Authenticate"), attack.getKey());
        }
        assertEquals(200, api.me(session.access()).status(), "the genuine token still works");
    }

    @Test
    void noForgedOrAlteredRefreshTokenIsAccepted() throws Exception {
        Session session = api.newSession();
        Map<String, String> attacks = new ForgedTokens(api).attacksOn(session.refresh(), api.loginAgain(session).refresh());
        for (var attack : attacks.entrySet()) {
            Reply reply = api.refresh(attack.getValue());
            assertEquals("401 " + TOKEN_INVALID, reply.status() + " " + reply.body(), attack.getKey());
        }
        assertEquals(200, api.refresh(session.refresh()).status(), "the genuine token still works");
    }

    /**
     * Refresh tokens made before they were signed with a secret (RS256 with the key pair, the same claims)
     * get a clean 401: the user logs in again. No public key ever verifies a refresh token.
     */
    @Test
    void aRefreshTokenSignedWithTheKeyPairAsBeforeTheUpgradeIsRefused() throws Exception {
        Session session = api.newSession();
        assertEquals("HS512", SignedJWT.parse(session.refresh()).getHeader().getAlgorithm().getName());
        String asBefore = new ForgedTokens(api).signedWithTheKeyPair(SignedJWT.parse(session.refresh()).getJWTClaimsSet());
        assertUnauthorized(TOKEN_INVALID, api.refresh(asBefore));
        assertUnauthorized(TOKEN_INVALID, api.post("/api/users/logout/", Api.refreshBody(asBefore)));
        assertEquals(200, api.login(session.username(), session.password()).status());
        assertEquals(200, api.refresh(session.refresh()).status());
    }

    @Test
    void eachKindIsRefusedWhereTheOtherIsExpectedEvenWithTheOthersAudience() throws Exception {
        Session session = api.newSession();
        var forged = new ForgedTokens(api);
        var refreshClaims = com.nimbusds.jwt.SignedJWT.parse(session.refresh()).getJWTClaimsSet();
        var accessClaims = com.nimbusds.jwt.SignedJWT.parse(session.access()).getJWTClaimsSet();
        String refreshWithAccessAudience = forged.signed(refreshClaims, b -> b.audience(accessClaims.getAudience()));
        String accessWithRefreshAudience = forged.signed(accessClaims, b -> b.audience(refreshClaims.getAudience()));
        assertUnauthorized(TOKEN_INVALID, api.me(session.refresh()));
        assertUnauthorized(TOKEN_INVALID, api.me(refreshWithAccessAudience));
        assertUnauthorized(TOKEN_INVALID, api.refresh(session.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(accessWithRefreshAudience));
    }

    @Test
    void accessTokensExpire() throws Exception {
        Session session = api.newSession();
        assertEquals(200, api.me(session.access()).status());
        Thread.sleep((ACCESS_SECONDS + 1) * 1000);
        assertUnauthorized(TOKEN_INVALID, api.me(session.access()));
    }

    @Test
    void rotationSpendsTheTokenAndAReuseAfterTheGraceEndsTheSession() throws Exception {
        Session session = api.newSession();
        Reply first = api.refresh(session.refresh());
        assertEquals(200, first.status());
        assertEquals(Set.of("access", "refresh"), first.json().keySet());
        String next = first.json().getString("refresh");
        assertNotEquals(session.refresh(), next);

        assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
        assertEquals(200, api.me(first.json().getString("access")).status(), "a retry within the grace ends nothing");

        Thread.sleep((GRACE_SECONDS + 1) * 1000);
        assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(next));
        assertUnauthorized(TOKEN_INVALID, api.me(first.json().getString("access")));
    }

    @Test
    void ofConcurrentRefreshesWithOneTokenExactlyOneSucceeds() throws Exception {
        Session session = api.newSession();
        int clients = 8;
        List<Integer> statuses = HttpContract.concurrently(clients, i -> api.refresh(session.refresh())).stream()
                .map(Reply::status).toList();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        assertEquals(clients - 1, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
    }

    @Test
    void refreshingNeverExtendsTheSessionsAbsoluteLifetime() throws Exception {
        Session session = api.newSession();
        long sessionEnd = claims(session.access()).getJsonNumber("iat").longValue() + SESSION_SECONDS;
        String refresh = session.refresh();
        while (System.currentTimeMillis() / 1000 < sessionEnd - 1) {
            Reply reply = api.refresh(refresh);
            assertEquals(200, reply.status(), reply.body());
            refresh = reply.json().getString("refresh");
            assertTrue(claims(refresh).getJsonNumber("exp").longValue() <= sessionEnd);
            assertTrue(claims(reply.json().getString("access")).getJsonNumber("exp").longValue() <= sessionEnd);
            Thread.sleep(1000);
        }
        Thread.sleep(2000);
        assertUnauthorized(TOKEN_INVALID, api.refresh(refresh));
    }

    @Test
    void logoutEverywhereEndsEverySessionOfThatUserOnly() {
        Session first = api.newSession();
        Session second = api.loginAgain(first);
        Session stranger = api.newSession();
        assertReply(200, HttpContract.LOGGED_OUT,
                api.post("/api/users/logout/all/", "{}", "Authorization", "Bearer " + second.access()));
        for (Session ended : List.of(first, second)) {
            assertUnauthorized(TOKEN_INVALID, api.me(ended.access()));
            assertUnauthorized(TOKEN_INVALID, api.refresh(ended.refresh()));
        }
        assertEquals(200, api.me(stranger.access()).status());
        assertUnauthorized(HttpContract.NOT_PROVIDED, api.post("/api/users/logout/all/", "{}"));
    }

    @Test
    void repeatedFailuresForAUsernameAreThrottledEvenForTheRightPassword() throws Exception {
        Session victim = api.newSession();
        for (int i = 0; i < 3; i++) {
            assertEquals(401, api.login(victim.username(), "wrong-" + i).status());
        }
        Reply throttled = api.login(victim.username(), victim.password());
        assertEquals(429, throttled.status(), throttled.body());
        long wait = Long.parseLong(throttled.header("Retry-After"));
        assertTrue(wait >= 1 && wait <= 3, "Retry-After " + wait);
        assertEquals("{\"detail\":\"Request was throttled. Expected available in " + wait + " seconds.\"}", throttled.body());
        assertEquals(429, api.login(victim.username().toUpperCase(), "wrong").status(), "the same account in another case");
        assertEquals(401, api.login(Api.uniqueName(), "not-throttled").status(), "other usernames are not slowed");
        Thread.sleep(wait * 1000 + 200);
        assertEquals(200, api.login(victim.username(), victim.password()).status(), "the wait is bounded");
        assertEquals(401, api.login(victim.username(), "wrong-again").status(), "a success starts the count again");
    }

    @Test
    void oneAddressSprayingManyUsernamesIsThrottledWhileOthersAreNot() throws Exception {
        Session victim = api.newSession();
        var sprayer = new LoopbackClient("127.0.0.2", url.getPort());
        for (int i = 0; i <= ADDRESS_FREE_FAILURES; i++) {
            assertEquals(401, sprayer.login("sprayed-" + Api.uniqueName(), "guess-" + i), "failure " + i);
        }
        assertEquals(429, sprayer.login(victim.username(), victim.password()), "the address waits, even with the right password");
        assertEquals(200, api.login(victim.username(), victim.password()).status(), "other addresses are not slowed");
    }

    /** Behind a trusted proxy each client is throttled on its own; nobody else can pick an address. */
    @Test
    void xForwardedForCountsOnlyFromTheTrustedProxyAndOnlyItsOwnHop() throws Exception {
        Session victim = api.newSession();
        var proxy = new LoopbackClient(TRUSTED_PROXY, url.getPort());
        for (int i = 0; i <= ADDRESS_FREE_FAILURES; i++) {
            assertEquals(401, proxy.login("sprayed-" + Api.uniqueName(), "guess-" + i, "198.51.100.7"), "failure " + i);
        }
        assertEquals(429, proxy.login(victim.username(), victim.password(), "198.51.100.7"), "that client waits");
        assertEquals(429, proxy.login(victim.username(), victim.password(), "203.0.113.1, 198.51.100.7"),
                "whatever the client prepends itself");
        assertEquals(200, proxy.login(victim.username(), victim.password(), "198.51.100.8"), "another client of the proxy does not");
        var untrusted = new LoopbackClient("127.0.0.4", url.getPort());
        assertEquals(200, untrusted.login(victim.username(), victim.password(), "198.51.100.7"),
                "an untrusted peer's header is ignored: it is throttled as itself");
    }

    @Test
    void unknownUsersCostTheSameAsWrongPasswords() {
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Session user = api.newSession();
            wrong.add(timed(() -> api.login(user.username(), "not-the-password")));
            unknown.add(timed(() -> api.login("nobody-" + Api.uniqueName(), "not-the-password")));
        }
        long unknownMedian = median(unknown);
        long wrongMedian = median(wrong);
        assertTrue(unknownMedian * 2 > wrongMedian && wrongMedian * 2 > unknownMedian,
                "medians " + unknownMedian + " ms (unknown) and " + wrongMedian + " ms (wrong password)");
    }

    @Test
    void registrationAppliesThePasswordRules() {
        String name = "john.smith" + Api.uniqueName().substring(0, 4);
        assertReply(400, "{\"password\":[\"This password is too common.\"]}", api.register(Api.uniqueName(), "password1"));
        assertReply(400, "{\"password\":[\"This password is too short. It must contain at least 8 characters.\","
                + "\"This password is too common.\",\"This password is entirely numeric.\"]}", api.register(Api.uniqueName(), "1234"));
        assertReply(400, "{\"password\":[\"The password is too similar to the username.\"]}", api.register(name, name + "!"));
        assertEquals(201, api.register(name, "correct horse battery staple").status());
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
