package dev.usermanagement.it;

import static dev.usermanagement.it.Api.credentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.usermanagement.it.Api.Reply;
import dev.usermanagement.it.Api.Session;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP contract of API.md, status and exact body, through a real server: Payara Micro (HttpContractIT)
 * or the WAR deployed on WildFly or Payara Server (DeployedWarIT).
 */
abstract class HttpContract {

    static final String REGISTER = "/api/users/register/";
    static final String LOGIN = "/api/users/login/";
    static final String REFRESH = "/api/users/token/refresh/";
    static final String LOGOUT = "/api/users/logout/";
    static final String ME = "/api/users/me/";

    static final String CREATED = "{\"message\":\"User created successfully\"}";
    static final String LOGGED_OUT = "{\"message\":\"Logged out successfully\"}";
    static final String BAD_CREDENTIALS = "{\"detail\":\"No active account found with the given credentials\"}";
    static final String TOKEN_INVALID = "{\"detail\":\"Token is invalid or expired\"}";
    static final String NOT_PROVIDED = "{\"detail\":\"Authentication credentials were not provided.\"}";
    static final String TAKEN = "{\"username\":[\"A user with that username already exists.\"]}";

    static final RSAKey FOREIGN_RSA = foreignKey();

    URL url;

    Api api;

    /** Where the service under test answers. */
    abstract URL service();

    @BeforeEach
    void client() {
        url = service();
        api = new Api(url);
    }

    static void assertReply(int status, String body, Reply reply) {
        assertEquals(status + " " + body, reply.status() + " " + reply.body());
        assertTrue(reply.contentType().startsWith("application/json"), "Content-Type " + reply.contentType());
    }

    static void assertUnauthorized(String body, Reply reply) {
        assertReply(401, body, reply);
        assertEquals("Bearer", reply.header("WWW-Authenticate"));
    }

    @Test
    void registerCreatesAnAccountThatCanLogIn() {
        String name = Api.uniqueName();
        assertReply(201, CREATED, api.register(name, "correct horse battery"));
        assertEquals(200, api.login(name, "correct horse battery").status());
    }

    @Test
    void registerRefusesATakenNameWhateverItsCaseOrCompatibilityForm() {
        String name = Api.uniqueName();
        assertReply(201, CREATED, api.register(name, "first-password"));
        assertReply(400, TAKEN, api.register(name, "other-password"));
        assertReply(400, TAKEN, api.register(name.toUpperCase(), "other-password"));
        String fullwidth = name.chars().mapToObj(c -> Character.toString(c >= 'a' && c <= 'z' ? c - 'a' + 'ａ' : c >= '0' && c <= '9' ? c - '0' + '０' : c))
                .reduce("", String::concat);
        assertReply(400, TAKEN, api.register(fullwidth, "other-password"));
    }

    @Test
    void registerKeepsTheNameAsGivenAndLoginIgnoresCase() {
        String name = "Mixed" + Api.uniqueName();
        api.register(name, "pass-word-1");
        JsonObject tokens = api.login(name.toLowerCase(), "pass-word-1").json();
        assertEquals(name, api.me(tokens.getString("access")).json().getString("username"));
    }

    @Test
    void registerListsEveryBrokenFieldWithItsMessage() {
        assertReply(400, "{\"username\":[\"This field is required.\"],\"password\":[\"This field is required.\"]}",
                api.post(REGISTER, "{}"));
        assertReply(400, "{\"username\":[\"This field may not be null.\"],\"password\":[\"Not a valid string.\"]}",
                api.post(REGISTER, "{\"username\": null, \"password\": 12345678}"));
        assertReply(400, "{\"username\":[\"This field may not be blank.\"],\"password\":[\"This field may not be blank.\"]}",
                api.post(REGISTER, "{\"username\": \"\", \"password\": \"   \"}"));
        assertReply(400, "{\"username\":[\"Not a valid string.\"],\"password\":[\"This field is required.\"]}",
                api.post(REGISTER, "{\"username\": [\"a\"]}"));
    }

    @Test
    void registerAppliesTheUsernameAndPasswordLengthRules() {
        assertReply(400, "{\"username\":[\"Ensure this field has no more than 150 characters.\"]}",
                api.register("a".repeat(151), "long-enough"));
        assertReply(400, "{\"username\":[\"Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.\"]}",
                api.register("two words", "long-enough"));
        assertReply(400, "{\"password\":[\"This password is too short. It must contain at least 8 characters.\"]}",
                api.register(Api.uniqueName(), "short"));
        assertReply(400, "{\"password\":[\"Ensure this field has no more than 1024 characters.\"]}",
                api.register(Api.uniqueName(), "p".repeat(1025)));
        assertReply(201, CREATED, api.register("a".repeat(130) + Api.uniqueName().substring(0, 17), "p".repeat(1024)));
    }

    @Test
    void registerIgnoresFieldsItDoesNotKnow() {
        String name = Api.uniqueName();
        assertReply(201, CREATED, api.post(REGISTER,
                "{\"username\":\"" + name + "\",\"password\":\"pass-word-1\",\"id\":\"x\",\"is_staff\":true,\"groups\":[\"admin\"]}"));
        JsonObject me = api.me(api.login(name, "pass-word-1").json().getString("access")).json();
        assertNotEquals("x", me.getString("id"));
    }

    @Test
    void bodiesThatAreNotJsonObjectsGetTheContractsErrors() {
        assertEquals(400, api.post(REGISTER, "{\"username\": ").status());
        assertTrue(api.post(REGISTER, "{bad").json().getString("detail").startsWith("JSON parse error - "));
        Map.of("[1, 2]", "list", "\"text\"", "str", "42", "int", "4.0", "float", "null", "NoneType").forEach((body, type) ->
                assertReply(400, "{\"non_field_errors\":[\"Invalid data. Expected a dictionary, but got " + type + ".\"]}",
                        api.post(LOGIN, body)));
        assertReply(415, "{\"detail\":\"Unsupported media type \\\"text/plain\\\" in request.\"}",
                api.send("POST", REGISTER, "text/plain", "{}"));
        assertReply(413, "{\"detail\":\"Request body too large.\"}",
                api.post(REGISTER, "{\"username\":\"" + "x".repeat(70_000) + "\"}"));
    }

    @Test
    void numbersLongerThanAnyRealOneAreParseErrorsNotServerErrors() {
        String huge = "1" + "0".repeat(2_000);
        String refused = "{\"detail\":\"JSON parse error - a number longer than 100 characters\"}";
        for (String path : List.of(REGISTER, LOGIN, REFRESH)) {
            assertReply(400, refused, api.post(path, "{\"username\": " + huge + ", \"refresh\": " + huge + "}"));
            assertReply(400, refused, api.post(path, "[" + huge + "." + huge + "e" + huge + "]"));
        }
        assertReply(400, refused, api.post(LOGIN, huge));
        assertReply(400, "{\"username\":[\"Not a valid string.\"],\"password\":[\"Not a valid string.\"]}",
                api.post(LOGIN, "{\"username\": 1" + "0".repeat(99) + ", \"password\": -1.5e300}"));
    }

    /** What the HTTP layer refused before the application saw it, bodiless, now gets the contract's JSON. */
    @Test
    void requestsNoClientLibraryWouldSendGetTheContractsJson() {
        RawHttp raw = new RawHttp(url.getPort());
        for (String method : List.of("DELETE", "GET", "PUT")) {
            RawHttp.Answer answer = raw.send(method + " " + REGISTER + " HTTP/1.1\nContent-Type: application/json", "{}");
            assertRaw(405, "{\"detail\":\"Method \\\"" + method + "\\\" not allowed.\"}", answer);
            assertEquals("POST, OPTIONS", answer.header("Allow"));
        }
        assertRaw(401, NOT_PROVIDED, raw.send("GET " + ME + " HTTP/1.1\nContent-Type: application/json", "{\"a\": 1}"));
        for (String contentType : List.of("application/json, text/plain", "application/json; charset=\"utf-8", "application/json;;;=")) {
            String type = contentType.replace("\"", "\\\"");
            assertRaw(415, "{\"detail\":\"Unsupported media type \\\"" + type + "\\\" in request.\"}",
                    raw.send("POST " + LOGIN + " HTTP/1.1\nContent-Type: " + contentType, "{}"));
        }
        assertRaw(414, "{\"detail\":\"Request line too long.\"}",
                raw.send("GET /api/users/jwks/?q=" + "a".repeat(20_000) + " HTTP/1.1", ""));
        assertRaw(431, "{\"detail\":\"Request header fields too large.\"}",
                raw.send("GET /api/users/jwks/ HTTP/1.1\nX-Padding: " + "a".repeat(20_000), ""));
        assertEquals(200, raw.send("GET /api/users/jwks/ HTTP/1.1\nX-Padding: " + "a".repeat(8_000), "").status());
    }

    static void assertRaw(int status, String body, RawHttp.Answer answer) {
        assertEquals(status + " " + body, answer.status() + " " + answer.body());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), "Content-Type " + answer.header("Content-Type"));
    }

    @Test
    void textThatIsNotWhatItSeemsIsRefusedNotRepaired() {
        byte[] invalidUtf8 = {'{', '"', 'u', '"', ':', '"', (byte) 0xff, '"', '}'};
        assertReply(400, "{\"detail\":\"JSON parse error - the body is not valid UTF-8\"}",
                api.send("POST", REGISTER, Api.JSON, invalidUtf8));
        assertReply(400, "{\"username\":[\"Null characters are not allowed.\"],\"password\":[\"Surrogate characters are not allowed: U+D800.\"]}",
                api.post(REGISTER, "{\"username\":\"nul\\u0000\",\"password\":\"lone-\\ud800-surrogate\"}"));
    }

    @Test
    void optionsListsTheMethodsInJsonAndNoXmlDescriptionIsPublished() {
        assertReply(200, "{\"allow\":[\"OPTIONS\",\"POST\"]}", api.send("OPTIONS", LOGIN, null, (String) null));
        assertReply(404, "{\"detail\":\"Not found.\"}", api.get("/api/application.wadl"));
    }

    @Test
    void unknownPathsAndWrongMethodsAreJson() {
        assertReply(404, "{\"detail\":\"Not found.\"}", api.get("/api/users/nothing-here/"));
        assertReply(404, "{\"detail\":\"Not found.\"}", api.get("/not-the-api"));
        Reply wrongMethod = api.get(LOGIN);
        assertReply(405, "{\"detail\":\"Method \\\"GET\\\" not allowed.\"}", wrongMethod);
        assertReply(405, "{\"detail\":\"Method \\\"DELETE\\\" not allowed.\"}", api.send("DELETE", REGISTER, null, (String) null));
    }

    @Test
    void everyPathAnswersWithAndWithoutTheFinalSlash() {
        Session session = api.newSession();
        assertEquals(200, api.get("/api/users/me", "Authorization", "Bearer " + session.access()).status());
        assertEquals(200, api.post("/api/users/token/refresh", Api.refreshBody(session.refresh())).status());
        assertEquals(200, api.post("/api/users/login", credentials(session.username(), session.password())).status());
        assertEquals(201, api.post("/api/users/register", credentials(Api.uniqueName(), "pass-word-1")).status());
        assertEquals(200, api.get("/api/users/jwks").status());
        assertReply(200, LOGGED_OUT, api.post("/api/users/logout", "{}", "Authorization", "Bearer " + session.access()));
    }

    @Test
    void loginAnswersExactlyARefreshAndAnAccessToken() {
        Session session = api.newSession();
        Reply reply = api.login(session.username(), session.password());
        assertEquals(200, reply.status());
        assertEquals(Set.of("refresh", "access"), reply.json().keySet());
    }

    @Test
    void loginUnknownUserAndWrongPasswordGetTheSameAnswer() {
        Session session = api.newSession();
        assertReply(401, BAD_CREDENTIALS, api.login(session.username(), session.password() + "x"));
        assertReply(401, BAD_CREDENTIALS, api.login(session.username(), session.password().toUpperCase()));
        assertReply(401, BAD_CREDENTIALS, api.login("never-" + Api.uniqueName(), session.password()));
    }

    @Test
    void loginPasswordsAreUsedExactlyAsSent() {
        String name = Api.uniqueName();
        api.register(name, "  spaced pass  ");
        assertEquals(200, api.login(name, "  spaced pass  ").status());
        assertReply(401, BAD_CREDENTIALS, api.login(name, "spaced pass"));
    }

    @Test
    void loginMissingFieldsAreInvalidInput() {
        assertReply(400, "{\"password\":[\"This field is required.\"]}", api.post(LOGIN, "{\"username\":\"someone\"}"));
        assertReply(400, "{\"username\":[\"This field may not be blank.\"],\"password\":[\"This field may not be null.\"]}",
                api.post(LOGIN, "{\"username\":\" \",\"password\":null}"));
    }

    @Test
    void loginEachLoginOpensItsOwnSession() {
        Session first = api.newSession();
        Session second = api.loginAgain(first);
        assertNotEquals(claims(first.access()).getString("sid"), claims(second.access()).getString("sid"));
    }

    @Test
    void tokensAccessTokenHeaderAndClaimsFollowTheContract() {
        Session session = api.newSession();
        JsonObject header = part(session.access(), 0);
        assertEquals("RS256", header.getString("alg"));
        assertEquals("JWT", header.getString("typ"));
        JsonObject claims = claims(session.access());
        for (String claim : List.of("iss", "aud", "sub", "upn", "groups", "iat", "exp", "jti", "sid", "token_type")) {
            assertTrue(claims.containsKey(claim), claim);
        }
        assertEquals(session.username(), claims.getString("upn"));
        assertEquals("access", claims.getString("token_type"));
        assertEquals("[\"user\"]", claims.get("groups").toString());
        assertEquals(300, claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue());
        assertEquals(api.me(session.access()).json().getString("id"), claims.getString("sub"));
    }

    @Test
    void tokensRefreshTokenIsAnotherKindWithAnotherAudience() {
        Session session = api.newSession();
        JsonObject access = claims(session.access());
        JsonObject refresh = claims(session.refresh());
        assertEquals("refresh", refresh.getString("token_type"));
        assertNotEquals(access.get("aud"), refresh.get("aud"));
        assertEquals(access.getString("sid"), refresh.getString("sid"));
        assertEquals(86_400, refresh.getJsonNumber("exp").longValue() - refresh.getJsonNumber("iat").longValue());
        assertFalse(refresh.containsKey("upn"));
    }

    @Test
    void tokensJwksPublishesTheSigningKeyWithoutItsPrivatePart() throws Exception {
        Session session = api.newSession();
        Reply reply = api.get("/api/users/jwks/");
        assertEquals(200, reply.status());
        JWKSet keys = JWKSet.parse(reply.body());
        String kid = part(session.access(), 0).getString("kid");
        assertTrue(keys.getKeyByKeyId(kid) != null, "kid " + kid + " in " + reply.body());
        assertFalse(reply.body().contains("\"d\""));
        assertTrue(SignedJWT.parse(session.access()).verify(new com.nimbusds.jose.crypto.RSASSAVerifier(keys.getKeyByKeyId(kid).toRSAKey())));
            assertEquals(3072, keys.getKeyByKeyId(kid).size());
    }

    @Test
    void refreshGivesExactlyANewAccessTokenOfTheSameSession() {
        Session session = api.newSession();
        Reply reply = api.refresh(session.refresh());
        assertEquals(200, reply.status());
        assertEquals(Set.of("access"), reply.json().keySet());
        String access = reply.json().getString("access");
        assertNotEquals(session.access(), access);
        assertEquals(claims(session.access()).getString("sid"), claims(access).getString("sid"));
        assertEquals(200, api.me(access).status());
    }

    @Test
    void refreshRefusesGarbageAccessTokensAndForgeries() throws Exception {
        Session session = api.newSession();
        for (String token : List.of("not-a-token", "a.b.c", session.access(), tampered(session.refresh()),
                unsigned(session.refresh()), hmacSigned(session.refresh()), foreignSigned(session.refresh()),
                otherAlgorithm(session.refresh()))) {
            assertUnauthorized(TOKEN_INVALID, api.refresh(token));
        }
    }

    @Test
    void refreshMissingOrBrokenFieldIsInvalidInput() {
        assertReply(400, "{\"refresh\":[\"This field is required.\"]}", api.post(REFRESH, "{}"));
        assertReply(400, "{\"refresh\":[\"This field may not be null.\"]}", api.post(REFRESH, "{\"refresh\":null}"));
    }

    @Test
    void currentUserDescribesTheCaller() {
        Session session = api.newSession();
        Reply reply = api.me(session.access());
        assertEquals(200, reply.status());
        JsonObject me = reply.json();
        assertEquals(Set.of("id", "username", "date_joined"), me.keySet());
        assertEquals(session.username(), me.getString("username"));
        assertTrue(me.getString("date_joined").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), me.toString());
        assertEquals(me, api.me(api.loginAgain(session).access()).json(), "id and date_joined are stable");
    }

    @Test
    void currentUserNeedsCredentials() {
        assertUnauthorized(NOT_PROVIDED, api.get(ME));
        assertUnauthorized(NOT_PROVIDED, api.get(ME, "Authorization", "Basic dXNlcjpwYXNz"));
    }

    /** False where the server's MicroProfile JWT knows only "Bearer" and cannot be taught (README "Deploying the WAR"). */
    boolean acceptsTheBearerSchemeInAnyCase() {
        return true;
    }

    @Test
    void currentUserAcceptsTheBearerSchemeInAnyCase() {
        assumeTrue(acceptsTheBearerSchemeInAnyCase(), "a known difference of this server");
        Session session = api.newSession();
        assertEquals(200, api.get(ME, "Authorization", "bearer " + session.access()).status());
        assertEquals(200, api.get(ME, "Authorization", "BEARER " + session.access()).status());
    }

    @Test
    void currentUserRefusesRefreshTokensGarbageAndForgeries() throws Exception {
        Session session = api.newSession();
        for (String token : List.of("garbage", session.refresh(), tampered(session.access()), unsigned(session.access()),
                hmacSigned(session.access()), foreignSigned(session.access()), otherAlgorithm(session.access()))) {
            assertUnauthorized(TOKEN_INVALID, api.me(token));
        }
    }

    @Test
    void logoutWithTheAccessTokenEndsThatSessionOnly() {
        Session session = api.newSession();
        Session other = api.loginAgain(session);
        assertReply(200, LOGGED_OUT, api.post(LOGOUT, "{}", "Authorization", "Bearer " + session.access()));
        assertUnauthorized(TOKEN_INVALID, api.me(session.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
        assertEquals(200, api.me(other.access()).status());
        assertEquals(200, api.refresh(other.refresh()).status());
    }

    @Test
    void logoutWithTheRefreshTokenAloneEndsThatSession() {
        Session session = api.newSession();
        String refreshedAccess = api.refresh(session.refresh()).json().getString("access");
        assertReply(200, LOGGED_OUT, api.post(LOGOUT, Api.refreshBody(session.refresh())));
        assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
        assertUnauthorized(TOKEN_INVALID, api.me(session.access()));
        assertUnauthorized(TOKEN_INVALID, api.me(refreshedAccess));
    }

    @Test
    void logoutWithBothLikeTheSeedsClientEndsTheSession() {
        Session session = api.newSession();
        assertReply(200, LOGGED_OUT, api.post(LOGOUT, Api.refreshBody(session.refresh()), "Authorization", "Bearer " + session.access()));
        assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
    }

    @Test
    void logoutWithoutAnyTokenOrWithADeadOneIsRefused() {
        Session session = api.newSession();
        assertUnauthorized(NOT_PROVIDED, api.post(LOGOUT, "{}"));
        assertUnauthorized(NOT_PROVIDED, api.send("POST", LOGOUT, null, (String) null));
        assertUnauthorized(TOKEN_INVALID, api.post(LOGOUT, Api.refreshBody("garbage")));
        assertUnauthorized(TOKEN_INVALID, api.post(LOGOUT, Api.refreshBody(session.access())));
        api.post(LOGOUT, "{}", "Authorization", "Bearer " + session.access());
        assertUnauthorized(TOKEN_INVALID, api.post(LOGOUT, "{}", "Authorization", "Bearer " + session.access()));
        assertUnauthorized(TOKEN_INVALID, api.post(LOGOUT, Api.refreshBody(session.refresh())));
    }

    private static RSAKey foreignKey() {
        try {
            return new RSAKeyGenerator(2048).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void racingRegistrationsOfOneNameInManyFormsMakeExactlyOneAccount() throws Exception {
        String name = Api.uniqueName();
        String fullwidth = name.chars().mapToObj(c -> Character.toString(c >= 'a' && c <= 'z' ? c - 'a' + 'ａ' : c >= '0' && c <= '9' ? c - '0' + '０' : c))
                .reduce("", String::concat);
        List<String> forms = List.of(name, name.toUpperCase(), fullwidth, name.substring(0, 1).toUpperCase() + name.substring(1));
        List<Reply> replies = concurrently(12, i -> api.register(forms.get(i % forms.size()), "race-password-" + i));
        assertEquals(1, replies.stream().filter(r -> r.status() == 201).count(), replies.toString());
        for (Reply reply : replies) {
            if (reply.status() != 201) {
                assertReply(400, TAKEN, reply);
            }
        }
    }

    @Test
    void racingLoginsOfOneUserAllSucceedWithSessionsOfTheirOwn() throws Exception {
        Session session = api.newSession();
        List<Reply> replies = concurrently(8, i -> api.login(session.username(), session.password()));
        assertTrue(replies.stream().allMatch(r -> r.status() == 200), replies.toString());
        assertEquals(8, replies.stream().map(r -> claims(r.json().getString("access")).getString("sid")).distinct().count());
    }

    @Test
    void aRefreshRacingALogoutNeverOutlivesIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            Session session = api.newSession();
            List<Reply> replies = concurrently(6, i -> i == 0
                    ? api.post(LOGOUT, "{}", "Authorization", "Bearer " + session.access())
                    : api.refresh(session.refresh()));
            assertReply(200, LOGGED_OUT, replies.get(0));
            assertUnauthorized(TOKEN_INVALID, api.refresh(session.refresh()));
            for (Reply refreshed : replies.subList(1, replies.size())) {
                assertTrue(refreshed.status() == 200 || refreshed.status() == 401, refreshed.toString());
                if (refreshed.status() == 200) {
                    assertUnauthorized(TOKEN_INVALID, api.me(refreshed.json().getString("access")));
                }
            }
        }
    }

    @Test
    void theOpenApiDocumentListsEveryPathAndStatusOfTheContract() {
        Reply reply = api.get("/openapi?format=JSON", "Accept", "application/json");
        assertEquals(200, reply.status(), reply.body());
        JsonObject paths = reply.json().getJsonObject("paths");
        Map<String, List<String>> contract = new java.util.LinkedHashMap<>();
        contract.put("post " + REGISTER, List.of("201", "400", "413", "415"));
        contract.put("post " + LOGIN, List.of("200", "400", "401", "429"));
        contract.put("post " + REFRESH, List.of("200", "400", "401"));
        contract.put("post " + LOGOUT, List.of("200", "401"));
        contract.put("post /api/users/logout/all/", List.of("200", "401"));
        contract.put("get " + ME, List.of("200", "401"));
        contract.put("get /api/users/jwks/", List.of("200"));
        contract.put("post /api/users/password/", List.of("200", "400", "401", "429"));
        contract.put("delete " + ME, List.of("200", "400", "401", "429"));
        contract.put("get /api/users/admin/users/", List.of("200", "401", "403", "404"));
        contract.put("get /api/users/admin/users/{id}/", List.of("200", "401", "403", "404"));
        contract.put("patch /api/users/admin/users/{id}/", List.of("200", "400", "401", "403", "404"));
        contract.put("delete /api/users/admin/users/{id}/", List.of("200", "401", "403", "404"));
        contract.put("post /api/users/admin/users/{id}/logout/", List.of("200", "401", "403", "404"));
        contract.forEach((operation, statuses) -> {
            String[] methodAndPath = operation.split(" ");
            JsonObject path = paths.getJsonObject(methodAndPath[1]);
            assertTrue(path != null && path.containsKey(methodAndPath[0]), operation + " in " + paths.keySet());
            JsonObject responses = path.getJsonObject(methodAndPath[0]).getJsonObject("responses");
            assertTrue(responses.keySet().containsAll(statuses), operation + ": " + responses.keySet());
        });
    }

    /** Each Argon2id hash holds 19 MiB: many at once must queue, not run the 384 MiB heap out of memory. */
    @Test
    void manyConcurrentLoginsAllSucceed() throws Exception {
        Session session = api.newSession();
        List<Reply> replies = concurrently(48, i -> api.login(session.username(), session.password()));
        assertEquals(List.of(200), replies.stream().map(Reply::status).distinct().toList());
    }

    /** Runs n calls at once (released together) and returns their replies in call order. */
    static List<Reply> concurrently(int n, java.util.function.IntFunction<Reply> call) throws Exception {
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            List<java.util.concurrent.Future<Reply>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Reply> replies = new java.util.ArrayList<>();
            for (var future : futures) {
                replies.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    static JsonObject part(String jwt, int index) {
        String json = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]), java.nio.charset.StandardCharsets.UTF_8);
        return jakarta.json.Json.createReader(new java.io.StringReader(json)).readObject();
    }

    static JsonObject claims(String jwt) {
        return part(jwt, 1);
    }

    /** The same header and signature over a payload naming another subject. */
    static String tampered(String jwt) throws Exception {
        return reclaimed(jwt, claims -> new JWTClaimsSet.Builder(claims).subject("someone-else").build())
                + "." + jwt.split("\\.")[2];
    }

    static String unsigned(String jwt) throws Exception {
        return new PlainJWT(SignedJWT.parse(jwt).getJWTClaimsSet()).serialize();
    }

    /** RFC 8725 3.1: HS256 keyed with the published public key must not pass for the asymmetric algorithm. */
    static String hmacSigned(String jwt) throws Exception {
        SignedJWT original = SignedJWT.parse(jwt);
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(original.getHeader().getType())
                .keyID(original.getHeader().getKeyID()).build(), original.getJWTClaimsSet());
        forged.sign(new MACSigner(("a-secret-at-least-32-bytes-long-" + original.getHeader().getKeyID()).getBytes()));
        return forged.serialize();
    }

    /** Signed correctly, but by a key the service never had, under the service's kid. */
    static String foreignSigned(String jwt) throws Exception {
        SignedJWT original = SignedJWT.parse(jwt);
        var forged = new SignedJWT(original.getHeader(), original.getJWTClaimsSet());
        byte[] foreignSecret = new byte[64];
        new java.security.SecureRandom().nextBytes(foreignSecret);
        forged.sign(JWSAlgorithm.HS512.equals(original.getHeader().getAlgorithm())
                ? new MACSigner(foreignSecret) : new RSASSASigner(FOREIGN_RSA));
        return forged.serialize();
    }

    /** The other asymmetric algorithm that MicroProfile JWT knows, under the service's kid. */
    static String otherAlgorithm(String jwt) throws Exception {
        SignedJWT original = SignedJWT.parse(jwt);
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(original.getHeader().getType())
                .keyID(original.getHeader().getKeyID()).build(), original.getJWTClaimsSet());
        forged.sign(new ECDSASigner(new ECKeyGenerator(Curve.P_256).generate()));
        return forged.serialize();
    }

    private static String reclaimed(String jwt, Function<JWTClaimsSet, JWTClaimsSet> change) throws Exception {
        SignedJWT original = SignedJWT.parse(jwt);
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                change.apply(original.getJWTClaimsSet()).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return jwt.split("\\.")[0] + "." + payload;
    }
}
