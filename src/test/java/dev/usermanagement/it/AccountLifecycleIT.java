package dev.usermanagement.it;

import static dev.usermanagement.it.HttpContract.BAD_CREDENTIALS;
import static dev.usermanagement.it.HttpContract.LOGGED_OUT;
import static dev.usermanagement.it.HttpContract.NOT_PROVIDED;
import static dev.usermanagement.it.HttpContract.TOKEN_INVALID;
import static dev.usermanagement.it.HttpContract.assertReply;
import static dev.usermanagement.it.HttpContract.assertUnauthorized;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import dev.usermanagement.it.Api.Reply;
import dev.usermanagement.it.Api.Session;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Contract sections 6 to 8 through real HTTP: change password, delete own account, the operator API. */
@ExtendWith(ArquillianExtension.class)
class AccountLifecycleIT {

    static final String PASSWORD = "/api/users/password/";
    static final String ME = "/api/users/me/";
    static final String ADMIN = "/api/users/admin/users/";
    static final String CHANGED = "{\"message\":\"Password changed successfully\"}";
    static final String DELETED = "{\"message\":\"Account deleted\"}";
    static final String FORBIDDEN = "{\"detail\":\"You do not have permission to perform this action.\"}";
    static final String NOT_FOUND = "{\"detail\":\"Not found.\"}";
    static final String WRONG_CURRENT = "{\"current_password\":[\"Wrong password.\"]}";
    /** Operators by the setting, new names each run (the test data folder outlives a run). */
    static final String RUN = java.util.UUID.randomUUID().toString().substring(0, 8);
    static final String OPERATOR = "ops-one-" + RUN;
    /** Listed in another case than it registers in. */
    static final String SECOND_OPERATOR = "Ops-Two-" + RUN;
    static final int PAGE_SIZE = 3;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withStolenKeys(Deployments.service(Map.of(
                "users.admin.usernames", OPERATOR + ", " + SECOND_OPERATOR,
                "users.admin.page-size", String.valueOf(PAGE_SIZE),
                "users.throttle.username.free-failures", "3")));
    }

    @ArquillianResource
    URL url;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(url);
    }

    // --- 6. Change password ---------------------------------------------------------------------

    @Test
    void changingThePasswordKeepsThisSessionAndEndsEveryOther() {
        Session mine = api.newSession();
        Session other = api.loginAgain(mine);
        assertEquals(200, api.me(other.access()).status(), "remembered before the change");
        assertReply(200, CHANGED, changePassword(mine, mine.password(), "Brand-new-pw-1"));
        assertEquals(200, api.me(mine.access()).status());
        assertEquals(200, api.refresh(mine.refresh()).status());
        assertUnauthorized(TOKEN_INVALID, api.me(other.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(other.refresh()));
        assertReply(401, BAD_CREDENTIALS, api.login(mine.username(), mine.password()));
        assertEquals(200, api.login(mine.username(), "Brand-new-pw-1").status());
    }

    @Test
    void changingThePasswordRefusesEveryBadInputInTheContractsWords() {
        Session mine = api.newSession();
        assertUnauthorized(NOT_PROVIDED, api.post(PASSWORD, "{}"));
        assertUnauthorized(NOT_PROVIDED, api.post(PASSWORD, "{not json")); // authentication before the body, as in DRF
        assertUnauthorized(TOKEN_INVALID, api.post(PASSWORD, "{}", "Authorization", "Bearer garbage"));
        assertReply(400, "{\"current_password\":[\"This field is required.\"],\"new_password\":[\"This field is required.\"]}",
                api.post(PASSWORD, "{}", bearer(mine)));
        assertReply(400, "{\"current_password\":[\"This field may not be null.\"],\"new_password\":[\"Not a valid string.\"]}",
                api.post(PASSWORD, "{\"current_password\": null, \"new_password\": 5}", bearer(mine)));
        assertReply(400, "{\"current_password\":[\"This field may not be blank.\"]}",
                api.post(PASSWORD, "{\"current_password\": \" \", \"new_password\": \"Fine-new-pw-7\"}", bearer(mine)));
        assertReply(400, "{\"new_password\":[\"This password is too short. It must contain at least 8 characters.\","
                        + "\"This password is too common.\",\"This password is entirely numeric.\"]}",
                changePassword(mine, mine.password(), "123456"));
        assertReply(400, "{\"new_password\":[\"The password is too similar to the username.\"]}",
                changePassword(mine, mine.password(), mine.username() + "1"));
        assertReply(400, "{\"new_password\":[\"The new password must differ from the current one.\"]}",
                changePassword(mine, mine.password(), mine.password()));
        assertReply(400, "{\"current_password\":[\"Wrong password.\"],\"new_password\":[\"This password is too common.\"]}",
                changePassword(mine, "not-" + mine.password(), "password1"));
        assertEquals(200, api.login(mine.username(), mine.password()).status(), "nothing changed");
    }

    /** A stolen access token must not be a faster password oracle than the login (contract section 6). */
    @Test
    void wrongCurrentPasswordsCountTowardTheLoginThrottle() {
        Session mine = api.newSession();
        for (int i = 0; i < 4; i++) { // three free failures, and the fourth starts the wait, as for logins
            assertReply(400, WRONG_CURRENT, changePassword(mine, "guess-" + i, "Brand-new-pw-2"));
        }
        Reply throttled = changePassword(mine, mine.password(), "Brand-new-pw-2");
        assertEquals(429, throttled.status(), throttled.body());
        assertTrue(throttled.body().startsWith("{\"detail\":\"Request was throttled. Expected available in "), throttled.body());
        assertNotNull(throttled.header("Retry-After"));
        assertEquals(429, api.login(mine.username(), mine.password()).status(), "the login shares the count");
    }

    @Test
    void aPasswordChangeRacingARefreshOfAnotherSessionLeavesThatSessionDead() throws Exception {
        for (int round = 0; round < 5; round++) {
            Session mine = api.newSession();
            Session other = api.loginAgain(mine);
            AtomicBoolean changed = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<List<String>> refreshed = pool.submit(() -> {
                    List<String> accessTokens = new ArrayList<>();
                    while (!changed.get()) {
                        Reply reply = api.refresh(other.refresh());
                        if (reply.status() == 200) {
                            accessTokens.add(reply.json().getString("access"));
                        }
                    }
                    return accessTokens;
                });
                Thread.sleep(20);
                assertReply(200, CHANGED, changePassword(mine, mine.password(), "Raced-new-pw-" + round));
                changed.set(true);
                assertUnauthorized(TOKEN_INVALID, api.refresh(other.refresh()));
                for (String access : refreshed.get()) {
                    assertUnauthorized(TOKEN_INVALID, api.me(access));
                }
                assertEquals(200, api.me(mine.access()).status());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A login that checked the old password while the change ran either ends with the other sessions or
     * is refused: no session opened with the old password outlives the change's 200.
     */
    @Test
    void aLoginWithTheOldPasswordRacingAChangeLeavesNoUsableSession() throws Exception {
        for (int stagger : new int[] {0, 60, 120, 180, 240, 300}) {
            Session mine = api.newSession();
            List<Reply> replies = HttpContract.concurrently(2, i -> {
                if (i == 0) {
                    return changePassword(mine, mine.password(), "Changed-pw-" + stagger);
                }
                pause(stagger);
                return api.login(mine.username(), mine.password());
            });
            assertReply(200, CHANGED, replies.get(0));
            assertFailedOrEndedAtOnce(replies.get(1));
        }
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- 7. Delete own account ------------------------------------------------------------------

    @Test
    void deletingTheAccountEndsItsTokensAndFreesTheName() {
        Session mine = api.newSession();
        Session other = api.loginAgain(mine);
        assertEquals(200, api.me(mine.access()).status(), "a token the accepted-token memory now holds");
        assertReply(200, DELETED, deleteOwn(mine, "{\"password\": \"" + mine.password() + "\"}"));
        for (Session session : List.of(mine, other)) {
            assertUnauthorized(TOKEN_INVALID, api.me(session.access()));
            assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
        }
        assertReply(401, BAD_CREDENTIALS, api.login(mine.username(), mine.password()));
        assertEquals(201, api.register(mine.username().toUpperCase(), "Another-pw-3").status(), "the name is free again");
    }

    @Test
    void deletingTheAccountNeedsTheRightPassword() {
        Session mine = api.newSession();
        assertUnauthorized(NOT_PROVIDED, api.send("DELETE", ME, Api.JSON, "{\"password\": \"x\"}"));
        assertUnauthorized(NOT_PROVIDED, api.send("DELETE", ME, Api.JSON, "[1]"));
        assertReply(400, "{\"password\":[\"This field is required.\"]}", deleteOwn(mine, "{}"));
        assertReply(400, "{\"password\":[\"This field may not be blank.\"]}", deleteOwn(mine, "{\"password\": \"\"}"));
        assertReply(400, "{\"password\":[\"Wrong password.\"]}", deleteOwn(mine, "{\"password\": \"not-it\"}"));
        assertEquals(200, api.me(mine.access()).status(), "still there");
    }

    @Test
    void twoDeletionsOfOneAccountSucceedOnce() throws Exception {
        Session mine = api.newSession();
        String body = "{\"password\": \"" + mine.password() + "\"}";
        List<Reply> replies = HttpContract.concurrently(2, i -> deleteOwn(mine, body));
        List<Integer> statuses = replies.stream().map(Reply::status).sorted().toList();
        assertEquals(List.of(200, 401), statuses, replies.toString());
    }

    // --- 8. Operator API ------------------------------------------------------------------------

    @Test
    void operatorsGetTheAdminGroupOthersDoNot() throws Exception {
        assertEquals(List.of("user", "admin"), groups(operator().access()));
        assertEquals(List.of("user", "admin"), groups(operatorNamed(SECOND_OPERATOR.toLowerCase()).access()), "matched by the login rule");
        assertEquals(List.of("user"), groups(api.newSession().access()));
    }

    @Test
    void operatorsListUsersInPagesOfDjangoRestFrameworksShape() {
        Session operator = operator();
        String prefix = "page" + Api.uniqueName().substring(1, 9);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PAGE_SIZE + 1; i++) {
            assertEquals(201, api.register(prefix + "-" + i, "Listed-pw-" + i).status());
        }
        assertEquals(200, api.login(prefix + "-0", "Listed-pw-0").status());
        JsonObject page1 = api.get(ADMIN + "?search=" + prefix.toUpperCase(), bearer(operator)).json();
        assertEquals(PAGE_SIZE + 1, page1.getInt("count"));
        String base = "http://127.0.0.1:" + url.getPort() + ADMIN + "?search=" + prefix.toUpperCase();
        assertEquals(base + "&page=2", page1.getString("next"));
        assertTrue(page1.isNull("previous"));
        page1.getJsonArray("results").forEach(user -> ids.add(user.asJsonObject().getString("id")));
        JsonObject joined = page1.getJsonArray("results").getJsonObject(0);
        assertEquals(prefix + "-0", joined.getString("username"));
        assertTrue(joined.getBoolean("is_active"));
        assertTrue(Instant.parse(joined.getString("last_login")).isAfter(Instant.parse(joined.getString("date_joined"))), joined.toString());
        assertTrue(page1.getJsonArray("results").getJsonObject(1).isNull("last_login"), "never logged in");

        JsonObject page2 = api.get(ADMIN + "?search=" + prefix.toUpperCase() + "&page=2", bearer(operator)).json();
        assertTrue(page2.isNull("next"));
        assertEquals(base, page2.getString("previous"));
        assertEquals(List.of(prefix + "-3"), page2.getJsonArray("results").stream()
                .map(user -> user.asJsonObject().getString("username")).toList());
        assertEquals(page2, api.get(ADMIN + "?search=" + prefix.toUpperCase() + "&page=last", bearer(operator)).json());
        for (String page : List.of("3", "0", "-1", "abc")) {
            assertReply(404, "{\"detail\":\"Invalid page.\"}", api.get(ADMIN + "?search=" + prefix + "&page=" + page, bearer(operator)));
        }
        JsonObject none = api.get(ADMIN + "?search=no-such-" + prefix, bearer(operator)).json();
        assertEquals("{\"count\":0,\"next\":null,\"previous\":null,\"results\":[]}", none.toString());
        assertReply(200, page1.getJsonArray("results").getJsonObject(0).toString(), api.get(ADMIN + ids.get(0) + "/", bearer(operator)));
        assertReply(404, NOT_FOUND, api.get(ADMIN + "no-such-id/", bearer(operator)));
    }

    @Test
    void deactivatingEndsEverySessionAndRefusesLoginsUntilReactivated() {
        Session operator = operator();
        Session user = api.newSession();
        String path = ADMIN + id(user) + "/";
        assertReply(400, "{\"is_active\":[\"Must be a valid boolean.\"]}", patch(operator, path, "{\"is_active\": \"no\"}"));
        assertReply(400, "{\"is_active\":[\"This field may not be null.\"]}", patch(operator, path, "{\"is_active\": null}"));
        assertTrue(patch(operator, path, "{}").json().getBoolean("is_active"), "nothing to change");
        Reply deactivated = patch(operator, path, "{\"is_active\": false}");
        assertEquals(200, deactivated.status());
        assertEquals(false, deactivated.json().getBoolean("is_active"));
        assertUnauthorized(TOKEN_INVALID, api.me(user.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(user.refresh()));
        assertReply(401, BAD_CREDENTIALS, api.login(user.username(), user.password()));
        assertTrue(patch(operator, path, "{\"is_active\": true}").json().getBoolean("is_active"));
        assertUnauthorized(TOKEN_INVALID, api.me(user.access())); // reactivation revives no old session
        assertEquals(200, api.login(user.username(), user.password()).status());
        assertReply(404, NOT_FOUND, patch(operator, ADMIN + "no-such-id/", "{\"is_active\": false}"));
        assertReply(404, NOT_FOUND, patch(operator, ADMIN + "no-such-id/", "{\"is_active\": \"no\"}"));
    }

    @Test
    void operatorsEndSessionsAndDeleteAccounts() {
        Session operator = operator();
        Session user = api.newSession();
        Session second = api.loginAgain(user);
        String path = ADMIN + id(user) + "/";
        assertReply(200, LOGGED_OUT, api.post(path + "logout/", "{}", bearer(operator)));
        assertUnauthorized(TOKEN_INVALID, api.me(user.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(second.refresh()));
        assertEquals(200, api.login(user.username(), user.password()).status(), "logged out, not locked out");
        Session third = api.loginAgain(user);
        assertReply(200, DELETED, api.send("DELETE", path, null, (String) null, bearer(operator)));
        assertUnauthorized(TOKEN_INVALID, api.me(third.access()));
        assertReply(404, NOT_FOUND, api.get(path, bearer(operator)));
        assertReply(404, NOT_FOUND, api.send("DELETE", path, null, (String) null, bearer(operator)));
        assertReply(404, NOT_FOUND, api.post(path + "logout/", "{}", bearer(operator)));
        assertEquals(201, api.register(user.username(), user.password()).status());
    }

    /** No method, path variant or token gets a non-operator anything but 401 or 403. */
    @Test
    void nonOperatorsGetOnly401Or403WhateverTheyTry() throws Exception {
        Session user = api.newSession();
        String target = id(api.newSession());
        List<String> paths = List.of(ADMIN, "/api/users/admin/users", ADMIN + target + "/", ADMIN + target + "/logout/",
                "/api/users/ADMIN/users/", "/api/users/Admin/Users/" + target, "/api/users/%61dmin/users/",
                "/api/users//admin/users/", "/api/users/admin/", "/api/users/admin/users/?page=1&search=a");
        ForgedTokens forged = new ForgedTokens(api);
        var claims = SignedJWT.parse(user.access()).getJWTClaimsSet();
        String withAdminGroupKeptSignature = tamperedGroups(user.access());
        String signedByAKeyThief = forged.signed(claims, b -> b.claim("groups", List.of("user", "admin")));
        for (String path : paths) {
            for (String method : List.of("GET", "POST", "PATCH", "DELETE", "PUT")) {
                String body = method.equals("GET") ? null : "{\"is_active\": false}";
                String what = method + " " + path;
                assertUnauthorized(NOT_PROVIDED, api.send(method, path, Api.JSON, body));
                assertUnauthorized(TOKEN_INVALID, api.send(method, path, Api.JSON, body, "Authorization", "Bearer " + withAdminGroupKeptSignature));
                Reply asUser = api.send(method, path, Api.JSON, body, bearer(user));
                assertEquals("403 " + FORBIDDEN, asUser.status() + " " + asUser.body(), what);
                Reply asThief = api.send(method, path, Api.JSON, body, "Authorization", "Bearer " + signedByAKeyThief);
                assertEquals("403 " + FORBIDDEN, asThief.status() + " " + asThief.body(), what + ": not in the setting");
            }
        }
        assertEquals(200, api.me(api.loginAgain(user).access()).status());
        assertTrue(api.get(ADMIN + target + "/", bearer(operator())).json().getBoolean("is_active"), "nothing was done");
    }

    /** Either the login fails, or its tokens are refused from the deactivation's 200 on. */
    @Test
    void aDeactivationDuringTheUsersLoginLeavesNoUsableSession() throws Exception {
        Session operator = operator();
        for (int round = 0; round < 6; round++) {
            Session user = api.newSession();
            String path = ADMIN + id(user) + "/";
            List<Reply> replies = HttpContract.concurrently(2, i -> i == 0
                    ? api.login(user.username(), user.password())
                    : patch(operator, path, "{\"is_active\": false}"));
            assertEquals(200, replies.get(1).status());
            assertFailedOrEndedAtOnce(replies.get(0));
        }
    }

    @Test
    void metricsCountPasswordChangesDeletionsAndOperatorActions() {
        String before = api.get("/metrics?scope=application").body();
        Session operator = operator();
        Session user = api.newSession();
        changePassword(user, user.password(), "Counted-pw-9");
        api.get(ADMIN + id(user) + "/", bearer(operator));
        api.send("DELETE", ADMIN + id(user) + "/", null, (String) null, bearer(operator));
        String after = api.get("/metrics?scope=application").body();
        for (String series : List.of("password_changes_total{mp_scope=\"application\"}",
                "account_deletions_total{by=\"operator\",mp_scope=\"application\"}",
                "operator_actions_total{action=\"delete\",mp_scope=\"application\"}",
                "operator_actions_total{action=\"read\",mp_scope=\"application\"}")) {
            assertEquals(value(before, series) + 1, value(after, series), series);
        }
    }

    // --- helpers --------------------------------------------------------------------------------

    private Reply changePassword(Session session, String current, String next) {
        String body = Json.createObjectBuilder().add("current_password", current).add("new_password", next).build().toString();
        return api.post(PASSWORD, body, bearer(session));
    }

    /** A login that raced a change of its user: refused, or its tokens refused from the change's 200 on. */
    private void assertFailedOrEndedAtOnce(Reply login) {
        if (login.status() == 200) {
            assertUnauthorized(TOKEN_INVALID, api.me(login.json().getString("access")));
            assertUnauthorized(TOKEN_INVALID, api.refresh(login.json().getString("refresh")));
        } else {
            assertReply(401, BAD_CREDENTIALS, login);
        }
    }

    private Reply deleteOwn(Session session, String body) {
        return api.send("DELETE", ME, Api.JSON, body, bearer(session));
    }

    private Reply patch(Session operator, String path, String body) {
        return api.send("PATCH", path, Api.JSON, body, bearer(operator));
    }

    private Session operator() {
        return operatorNamed(OPERATOR);
    }

    /** The operator's session, registering the operator the first time. */
    private Session operatorNamed(String name) {
        api.register(name, "Kept-secret-77");
        return api.loginAgain(new Session(name, "Kept-secret-77", null, null));
    }

    private String id(Session session) {
        return api.me(session.access()).json().getString("id");
    }

    private static String[] bearer(Session session) {
        return new String[] {"Authorization", "Bearer " + session.access()};
    }

    private static List<String> groups(String access) throws Exception {
        return SignedJWT.parse(access).getJWTClaimsSet().getStringListClaim("groups");
    }

    /** The payload re-encoded with the admin group, the service's signature left as it was. */
    private static String tamperedGroups(String access) throws Exception {
        String[] parts = access.split("\\.");
        var claims = SignedJWT.parse(access).getJWTClaimsSet().toJSONObject();
        claims.put("groups", List.of("user", "admin"));
        String payload = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    private static double value(String exposition, String series) {
        return exposition.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line ->
                Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(-1);
    }
}
