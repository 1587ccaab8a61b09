package dev.usermanagement.tokens.control;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.usermanagement.health.ServiceMetrics;
import dev.usermanagement.sessions.control.LiveSessions;
import dev.usermanagement.sessions.control.LiveSessions.LiveSession;
import dev.usermanagement.sessions.control.RefreshOutcome;
import dev.usermanagement.sessions.control.Rotation;
import dev.usermanagement.sessions.control.SessionStore;
import dev.usermanagement.sessions.entity.UserSession;
import dev.usermanagement.users.control.Credentials;
import dev.usermanagement.users.control.Operators;
import dev.usermanagement.users.control.UserRegistry;
import dev.usermanagement.users.entity.User;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Issues, refreshes and revokes tokens. It holds no transaction itself: password hashing and signing stay
 * outside, and each store call commits on its own before a token that depends on it leaves.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TokenIssuer {

    private static final Logger LOG = Logger.getLogger(TokenIssuer.class.getName());

    @Inject
    UserRegistry users;

    @Inject
    SessionStore sessions;

    @Inject
    LiveSessions live;

    @Inject
    SigningKeys keys;

    @Inject
    Operators operators;

    @Inject
    TokenSettings settings;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Clock clock;

    /** Opens a new session for the user with these credentials. */
    public TokenPair login(Credentials credentials, String clientAddress) {
        // Taken before the user is read: a deactivation or deletion committed after that read is then
        // seen as a forget, and the new session is not believed from memory (the database decides).
        long forgetsBefore = live.forgets();
        User user = users.authenticate(credentials, clientAddress);
        String refreshJti = UUID.randomUUID().toString();
        UserSession session = sessions.open(user.id(), user.passwordHash(), refreshJti);
        LiveSession opened = live.opened(session, user, forgetsBefore);
        return new TokenPair(access(opened), refresh(opened, refreshJti));
    }

    /**
     * A new access token of the refresh token's session, if that session and its user are still live;
     * with rotation on, also the next refresh token, the presented one being spent.
     */
    public TokenPair refresh(String refreshToken) {
        JWTClaimsSet claims = keys.verifyRefresh(refreshToken);
        String sessionId = stringClaim(claims, TokenRules.SESSION_ID);
        String jti = claims.getJWTID();
        if (!settings.rotateRefresh()) {
            // From memory, with the revocation guarantees of GET /me: a logout's commit forgets the session.
            LiveSession session = live.find(sessionId)
                    .filter(found -> found.userId().equals(claims.getSubject()) && found.refreshedBy(jti))
                    .orElseThrow(InvalidToken::new);
            metrics.refreshed();
            return new TokenPair(access(session), null);
        }
        String nextJti = UUID.randomUUID().toString();
        Rotation rotation = sessions.rotate(sessionId, jti, nextJti, settings.reuseGrace());
        if (rotation.outcome() == RefreshOutcome.REUSED) {
            LOG.warning(() -> "Refresh token reuse: ended session " + sessionId);
        }
        if (rotation.outcome() != RefreshOutcome.ROTATED) {
            throw new InvalidToken();
        }
        LiveSession session = owner(rotation.session(), claims);
        metrics.refreshed();
        return new TokenPair(access(session), refresh(session, nextJti));
    }

    /** Ends the session that the refresh token belongs to. */
    public void logoutWithRefresh(String refreshToken) {
        JWTClaimsSet claims = keys.verifyRefresh(refreshToken);
        String sessionId = stringClaim(claims, TokenRules.SESSION_ID);
        sessions.findLiveFor(sessionId, claims.getJWTID()).orElseThrow(InvalidToken::new);
        revoke(sessionId);
    }

    public void revoke(String sessionId) {
        if (!sessions.revoke(sessionId)) {
            throw new InvalidToken();
        }
        metrics.loggedOut();
        LOG.info(() -> "Logout: ended session " + sessionId);
    }

    public void revokeAll(String userId) {
        int ended = sessions.revokeAll(userId);
        metrics.loggedOut();
        LOG.info(() -> "Logout everywhere: ended " + ended + " sessions of user " + userId);
    }

    /** The rotated session with its user, from memory once known: a rotation costs one database round trip. */
    private LiveSession owner(UserSession session, JWTClaimsSet claims) {
        if (!session.userId().equals(claims.getSubject())) {
            throw new InvalidToken();
        }
        return live.find(session.id()).orElseThrow(InvalidToken::new);
    }

    private String access(LiveSession session) {
        return keys.sign(settings.rules().access(session.userId(), session.username(), session.sessionId(), session.end(),
                clock.instant(), operators.includes(session.username())));
    }

    private String refresh(LiveSession session, String jti) {
        return keys.signRefresh(settings.rules().refresh(session.userId(), session.sessionId(), jti, session.end(), clock.instant()));
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException notAString) {
            throw new InvalidToken();
        }
    }
}
