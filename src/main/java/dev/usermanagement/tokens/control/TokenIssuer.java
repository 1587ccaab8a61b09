package dev.usermanagement.tokens.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.usermanagement.sessions.control.SessionStore;
import dev.usermanagement.sessions.entity.UserSession;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.users.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;

/**
 * Issues, refreshes and revokes tokens. It holds no transaction itself: password hashing and signing stay
 * outside, and each store call commits on its own before a token that depends on it leaves.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenIssuer {

    @Inject
    UserRegistry users;

    @Inject
    SessionStore sessions;

    @Inject
    SigningKeys keys;

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    /** Opens a new session for the user with these credentials. */
    public TokenPair login(Credentials credentials, String clientAddress) {
        User user = users.authenticate(credentials, clientAddress);
        UserSession session = sessions.open(user.id());
        var now = clock.instant();
        TokenRules rules = settings.rules();
        return new TokenPair(
                keys.sign(rules.access(user.id(), user.username(), session.id(), session.expiresAt(), now)),
                keys.sign(rules.refresh(user.id(), session.id(), session.expiresAt(), now)));
    }

    /** A new access token of the refresh token's session, if that session and its user are still live. */
    public String refresh(String refreshToken) {
        JWTClaimsSet claims = keys.verifyRefresh(refreshToken);
        UserSession session = sessions.findLive(sessionId(claims)).orElseThrow(InvalidToken::new);
        if (!session.userId().equals(claims.getSubject())) {
            throw new InvalidToken();
        }
        User user = users.findActive(session.userId()).orElseThrow(InvalidToken::new);
        return keys.sign(settings.rules().access(user.id(), user.username(), session.id(), session.expiresAt(), clock.instant()));
    }

    /** Ends the session that the refresh token belongs to. */
    public void logoutWithRefresh(String refreshToken) {
        revoke(sessionId(keys.verifyRefresh(refreshToken)));
    }

    public void revoke(String sessionId) {
        if (!sessions.revoke(sessionId)) {
            throw new InvalidToken();
        }
    }

    private static String sessionId(JWTClaimsSet claims) {
        try {
            return claims.getStringClaim(TokenRules.SESSION_ID);
        } catch (ParseException notAString) {
            throw new InvalidToken();
        }
    }
}
