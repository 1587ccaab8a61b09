package dev.usermanagement.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.SignedJWT;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.usermanagement.sessions.control.LiveSessions;
import dev.usermanagement.sessions.control.SessionStore;
import dev.usermanagement.tokens.control.InvalidToken;
import dev.usermanagement.tokens.control.TokenIssuer;
import dev.usermanagement.tokens.control.TokenPair;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.users.control.InvalidCredentials;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.users.control.UserStore;
import dev.usermanagement.users.control.UsernamePolicy;
import dev.usermanagement.users.entity.User;
import dev.usermanagement.web.FieldErrors;
import dev.usermanagement.web.InvalidInput;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.UserTransaction;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The controls, the issuer EJB and JPA inside the container, on the real H2 database. */
@ExtendWith(ArquillianExtension.class)
class PersistenceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.service().addClass(Api.class).addClass(Api.Reply.class).addClass(Api.Session.class);
    }

    static final String ADDRESS = "192.0.2.10";

    @Inject
    UserRegistry registry;

    @Inject
    UserStore store;

    @Inject
    SessionStore sessions;

    @Inject
    TokenIssuer issuer;

    @Inject
    LiveSessions live;

    @PersistenceContext(unitName = "users")
    EntityManager em;

    @Inject
    UserTransaction transaction;

    private static String name() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private User register(String username, String password) {
        return registry.register(new Credentials(username, password), new FieldErrors());
    }

    @Test
    void passwordsAreStoredOnlyAsArgon2idHashesWithTheConfiguredParameters() {
        User user = register(name(), "stored-password");
        String hash = store.find(user.id()).orElseThrow().passwordHash();
        assertTrue(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash);
        assertFalse(hash.contains("stored-password"));
    }

    @Test
    void theDatabaseRefusesASecondAccountWithTheSameFoldedNameEvenWithoutTheCheckBeforeInsert() {
        String username = name();
        store.add(new User(username, UsernamePolicy.key(username), "hash", Instant.now()));
        InvalidInput refused = assertThrows(InvalidInput.class, () ->
                store.add(new User(username.toUpperCase(), UsernamePolicy.key(username.toUpperCase()), "hash", Instant.now())));
        assertEquals(Map.of("username", List.of("A user with that username already exists.")), refused.errors());
        assertEquals(1L, em.createQuery("SELECT COUNT(u) FROM User u WHERE u.usernameKey = :k", Long.class)
                .setParameter("k", UsernamePolicy.key(username)).getSingleResult());
    }

    @Test
    void authenticationFailsAlikeForUnknownUsersAndWrongPasswords() {
        String username = name();
        register(username, "right-password");
        assertThrows(InvalidCredentials.class, () -> registry.authenticate(new Credentials(username, "wrong-password"), ADDRESS));
        assertThrows(InvalidCredentials.class, () -> registry.authenticate(new Credentials("nobody-" + username, "right-password"), ADDRESS));
        assertEquals(username, registry.authenticate(new Credentials(username.toUpperCase(), "right-password"), ADDRESS).username());
    }

    @Test
    void anInactiveUserCanNeitherLogInNorRefresh() throws Exception {
        String username = name();
        User user = register(username, "inactive-password");
        TokenPair tokens = issuer.login(new Credentials(username, "inactive-password"), ADDRESS);
        String sessionId = sessionOf(tokens);
        assertTrue(live.find(sessionId).isPresent(), "remembered for GET /me");
        store.deactivate(user.id());
        assertTrue(live.find(sessionId).isEmpty(), "its access tokens stop at once, not when the memory expires");
        assertThrows(InvalidCredentials.class, () -> registry.authenticate(new Credentials(username, "inactive-password"), ADDRESS));
        assertThrows(InvalidToken.class, () -> issuer.refresh(tokens.refresh()));
    }

    /** Contract section 7: the rows are gone, not flagged; the user's sessions go in the same statement. */
    @Test
    void deletingAUserRemovesItsRowAndEverySessionRow() throws Exception {
        String username = name();
        User user = register(username, "deleted-password");
        String sessionId = sessionOf(issuer.login(new Credentials(username, "deleted-password"), ADDRESS));
        issuer.login(new Credentials(username, "deleted-password"), ADDRESS);
        assertEquals(2L, sessionRows(user.id()));
        assertTrue(live.find(sessionId).isPresent());
        assertTrue(store.delete(user.id()));
        assertEquals(0L, sessionRows(user.id()));
        assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM users WHERE id = ?1")
                .setParameter(1, user.id()).getSingleResult()).longValue());
        assertTrue(live.find(sessionId).isEmpty(), "forgotten at once");
        assertFalse(store.delete(user.id()), "a second deletion finds nothing");
        assertThrows(InvalidCredentials.class, () -> sessions.open(user.id(), user.passwordHash(), "jti-of-a-login-racing-the-deletion"));
    }

    /** A logout ends the remembered session before it returns, and a reader racing it cannot bring it back. */
    @Test
    void liveSessionsForgetARevokedSessionAtOnce() throws Exception {
        String username = name();
        register(username, "memory-password");
        TokenPair first = issuer.login(new Credentials(username, "memory-password"), ADDRESS);
        TokenPair second = issuer.login(new Credentials(username, "memory-password"), ADDRESS);
        String firstSession = sessionOf(first);
        assertEquals(username, live.find(firstSession).orElseThrow().username());
        assertTrue(live.find(sessionOf(second)).isPresent());
        issuer.revoke(firstSession);
        assertTrue(live.find(firstSession).isEmpty());
        assertTrue(live.find(sessionOf(second)).isPresent(), "other sessions stay");
        issuer.revokeAll(live.find(sessionOf(second)).orElseThrow().userId());
        assertTrue(live.find(sessionOf(second)).isEmpty(), "logout everywhere");
        assertTrue(live.find("no-such-session").isEmpty());
    }

    @Test
    void anEndedSessionIsRefusedFromMemoryWithoutReadingItsRowAgain() throws Exception {
        String username = name();
        register(username, "memory-password");
        String session = sessionOf(issuer.login(new Credentials(username, "memory-password"), ADDRESS));
        assertTrue(live.find(session).isPresent());
        issuer.revoke(session);
        // Behind memory's back: were the row read again, the session would look live.
        transaction.begin();
        em.createNativeQuery("UPDATE sessions SET revoked_at = NULL WHERE id = ?1").setParameter(1, session).executeUpdate();
        transaction.commit();
        assertTrue(live.find(session).isEmpty(), "refused from memory");
    }

    private static String sessionOf(TokenPair tokens) throws java.text.ParseException {
        return SignedJWT.parse(tokens.access()).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void aHashMadeWithOlderParametersIsReplacedAtLogin() {
        String username = name();
        String weak = Password.hash("old-password").addRandomSalt(16)
                .with(Argon2Function.getInstance(8192, 1, 1, 32, Argon2.ID)).getResult();
        User user = new User(username, UsernamePolicy.key(username), weak, Instant.now());
        store.add(user);
        registry.authenticate(new Credentials(username, "old-password"), ADDRESS);
        String rehashed = store.find(user.id()).orElseThrow().passwordHash();
        assertTrue(rehashed.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), rehashed);
        assertEquals(username, registry.authenticate(new Credentials(username, "old-password"), ADDRESS).username());
    }

    @Test
    void loginOpensALiveSessionThatRevocationEnds() {
        String username = name();
        register(username, "session-password");
        TokenPair tokens = issuer.login(new Credentials(username, "session-password"), ADDRESS);
        assertNotEquals(tokens.access(), issuer.refresh(tokens.refresh()).access());
        String sid = sessionOf(tokens.refresh());
        assertTrue(sessions.findLive(sid).isPresent());
        issuer.revoke(sid);
        assertTrue(sessions.findLive(sid).isEmpty());
        assertThrows(InvalidToken.class, () -> issuer.refresh(tokens.refresh()));
        assertThrows(InvalidToken.class, () -> issuer.revoke(sid), "a session ends once");
    }

    @Test
    void refreshTokensAreNotStoredAnywhere() {
        String username = name();
        register(username, "digest-password");
        TokenPair tokens = issuer.login(new Credentials(username, "digest-password"), ADDRESS);
        String signature = tokens.refresh().substring(tokens.refresh().lastIndexOf('.') + 1);
        List<?> rows = em.createNativeQuery("SELECT * FROM sessions").getResultList();
        assertFalse(rows.stream().map(row -> row instanceof Object[] cells ? java.util.Arrays.toString(cells) : String.valueOf(row))
                .anyMatch(text -> text.contains(signature)));
    }

    @ArquillianResource
    URL deployment;

    /**
     * A maintenance job holding a lock on a session row: the logout that needs it gets a JSON 503 with
     * Retry-After within the database's lock timeout instead of hanging, and works once the lock is gone.
     */
    @Test
    void aLockedRowIsABounded503ThenWorksAgain() throws Exception {
        String username = name();
        register(username, "locked-password");
        var api = new Api(deployment.getPort());
        var tokens = api.login(username, "locked-password").json();
        String access = tokens.getString("access");
        var config = ConfigProvider.getConfig();
        try (Connection maintenance = DriverManager.getConnection(config.getValue("users.db.url", String.class),
                config.getValue("users.db.user", String.class), config.getValue("users.db.password", String.class))) {
            maintenance.setAutoCommit(false);
            try (var lock = maintenance.prepareStatement("SELECT * FROM sessions WHERE id = ? FOR UPDATE")) {
                lock.setString(1, sessionOf(tokens.getString("refresh")));
                lock.executeQuery().close();
            }
            long started = System.nanoTime();
            Api.Reply refused = api.post("/api/users/logout/", "{}", "Authorization", "Bearer " + access);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals("503 {\"detail\":\"Service temporarily unavailable, try again later.\"}", refused.status() + " " + refused.body());
            assertEquals("5", refused.header("Retry-After"));
            assertTrue(millis < 15_000, "answered in " + millis + " ms");
            maintenance.rollback();
        }
        assertEquals(200, api.post("/api/users/logout/", "{}", "Authorization", "Bearer " + access).status());
    }

    private static String sessionOf(String jwt) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(jwt).getJWTClaimsSet().getStringClaim("sid");
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private long sessionRows(String userId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sessions WHERE user_id = ?1")
                .setParameter(1, userId).getSingleResult()).longValue();
    }
}
