package dev.usermanagement.tokens.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenRulesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant SESSION_END = NOW.plus(Duration.ofDays(30));
    private final TokenRules rules = new TokenRules("iss-x", "api-aud", "refresh-aud", Duration.ofMinutes(5), Duration.ofDays(1));

    @Test
    void accessTokenCarriesTheContractsClaims() throws Exception {
        JWTClaimsSet claims = rules.access("user-1", "alice", "sid-1", SESSION_END, NOW, false);
        assertEquals("iss-x", claims.getIssuer());
        assertEquals(List.of("api-aud"), claims.getAudience());
        assertEquals("user-1", claims.getSubject());
        assertEquals("alice", claims.getStringClaim("upn"));
        assertEquals(List.of("user"), claims.getStringListClaim("groups"));
        assertEquals(Date.from(NOW), claims.getIssueTime());
        assertEquals(Date.from(NOW.plus(Duration.ofMinutes(5))), claims.getExpirationTime());
        assertEquals("sid-1", claims.getStringClaim("sid"));
        assertEquals("access", claims.getStringClaim("token_type"));
        assertNotEquals(null, claims.getJWTID());
    }

    @Test
    void operatorsAccessTokensCarryTheAdminGroupToo() throws Exception {
        assertEquals(List.of("user", "admin"),
                rules.access("user-1", "ops", "sid-1", SESSION_END, NOW, true).getStringListClaim("groups"));
    }

    @Test
    void refreshTokenHasItsOwnAudienceAndNoIdentityClaims() throws Exception {
        JWTClaimsSet claims = rules.refresh("user-1", "sid-1", "jti-1", SESSION_END, NOW);
        assertEquals(List.of("refresh-aud"), claims.getAudience());
        assertEquals("refresh", claims.getStringClaim("token_type"));
        assertEquals(Date.from(NOW.plus(Duration.ofDays(1))), claims.getExpirationTime());
        assertNull(claims.getClaim("upn"));
        assertNull(claims.getClaim("groups"));
        assertEquals("jti-1", claims.getJWTID());
    }

    @Test
    void noTokenOutlivesItsSession() {
        Instant soon = NOW.plusSeconds(30);
        assertEquals(Date.from(soon), rules.access("u", "a", "s", soon, NOW, false).getExpirationTime());
        assertEquals(Date.from(soon), rules.refresh("u", "s", "j", soon, NOW).getExpirationTime());
    }

    @Test
    void everyTokenHasItsOwnId() {
        assertNotEquals(rules.access("u", "a", "s", SESSION_END, NOW, false).getJWTID(),
                rules.access("u", "a", "s", SESSION_END, NOW, false).getJWTID());
    }

    @Test
    void refreshVerifierAcceptsARefreshTokenOnly() {
        var verifier = rules.refreshVerifier();
        assertDoesNotThrow(() -> verifier.verify(rules.refresh("u", "s", "j", SESSION_END, NOW), null));
        assertThrows(BadJWTException.class, () -> verifier.verify(rules.access("u", "a", "s", SESSION_END, NOW, false), null));
    }

    @Test
    void refreshVerifierRefusesWrongIssuerExpiredFutureAndIncomplete() {
        var verifier = rules.refreshVerifier();
        JWTClaimsSet good = rules.refresh("u", "s", "j", SESSION_END, NOW);
        var otherIssuer = new TokenRules("other", "api-aud", "refresh-aud", Duration.ofMinutes(5), Duration.ofDays(1));
        assertThrows(BadJWTException.class, () -> verifier.verify(otherIssuer.refresh("u", "s", "j", SESSION_END, NOW), null));
        assertThrows(BadJWTException.class, () -> verifier.verify(
                new JWTClaimsSet.Builder(good).expirationTime(Date.from(Instant.now().minusSeconds(1))).build(), null));
        assertThrows(BadJWTException.class, () -> verifier.verify(
                new JWTClaimsSet.Builder(good).notBeforeTime(Date.from(Instant.now().plusSeconds(60))).build(), null));
        var withoutSession = new java.util.HashMap<>(good.toJSONObject());
        withoutSession.remove("sid");
        assertThrows(BadJWTException.class, () -> verifier.verify(JWTClaimsSet.parse(withoutSession), null));
        assertThrows(BadJWTException.class, () -> verifier.verify(
                new JWTClaimsSet.Builder(good).audience("api-aud").build(), null));
    }
}
