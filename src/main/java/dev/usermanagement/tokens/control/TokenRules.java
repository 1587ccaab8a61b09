package dev.usermanagement.tokens.control;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The claims of both token kinds and the rules a refresh token must pass. Access and refresh tokens differ
 * in audience and token_type, so neither is ever accepted in place of the other (RFC 8725 section 3.12).
 */
public record TokenRules(String issuer, String accessAudience, String refreshAudience,
                         Duration accessLifetime, Duration refreshLifetime) {

    public static final String TOKEN_TYPE = "token_type";
    public static final String SESSION_ID = "sid";
    public static final String ACCESS = "access";
    public static final String REFRESH = "refresh";
    public static final String USER_GROUP = "user";
    public static final String OPERATOR_GROUP = "admin";

    /** Claims of an access token; it never outlives its session. Operators' tokens carry the admin group too. */
    public JWTClaimsSet access(String userId, String username, String sessionId, Instant sessionEnd, Instant now, boolean operator) {
        return common(userId, sessionId, now, earliest(now.plus(accessLifetime), sessionEnd))
                .audience(accessAudience)
                .claim("upn", username)
                .claim("groups", operator ? List.of(USER_GROUP, OPERATOR_GROUP) : List.of(USER_GROUP))
                .claim(TOKEN_TYPE, ACCESS)
                .build();
    }

    /** Claims of a refresh token; the caller chooses its jti, which the session keeps a digest of. */
    public JWTClaimsSet refresh(String userId, String sessionId, String jti, Instant sessionEnd, Instant now) {
        return common(userId, sessionId, now, earliest(now.plus(refreshLifetime), sessionEnd))
                .jwtID(jti)
                .audience(refreshAudience)
                .claim(TOKEN_TYPE, REFRESH)
                .build();
    }

    /** What a refresh token must carry beyond a valid signature; exp and nbf are checked with no skew. */
    public DefaultJWTClaimsVerifier<SecurityContext> refreshVerifier() {
        var verifier = new DefaultJWTClaimsVerifier<SecurityContext>(
                refreshAudience,
                new JWTClaimsSet.Builder().issuer(issuer).claim(TOKEN_TYPE, REFRESH).build(),
                Set.of("sub", "iat", "exp", "jti", SESSION_ID));
        verifier.setMaxClockSkew(0);
        return verifier;
    }

    private JWTClaimsSet.Builder common(String userId, String sessionId, Instant now, Instant expiry) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(userId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(expiry))
                .jwtID(UUID.randomUUID().toString())
                .claim(SESSION_ID, sessionId);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
