package dev.usermanagement.tokens.control;

import dev.usermanagement.health.ServiceMetrics;
import dev.usermanagement.sessions.control.LiveSessions;
import dev.usermanagement.sessions.control.LiveSessions.LiveSession;
import dev.usermanagement.web.CredentialsMissing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What MicroProfile JWT cannot know: the container has verified signature, issuer and audience; this adds
 * the token kind (RFC 8725 3.12), nbf (RFC 7519 4.1.5), revocation of the session, and expiry without
 * clock skew (RFC 7519 4.1.4): SmallRye JWT on WildFly allows at least a second, by default 60.
 */
@ApplicationScoped
public class AccessTokenCheck {

    @Inject
    LiveSessions sessions;

    @Inject
    ServiceMetrics metrics;

    @Inject
    Clock clock;

    /** The caller of a protected endpoint: 401 without a token, 401 with a dead one. */
    public Caller require(SecurityContext security) {
        return optional(security).orElseThrow(CredentialsMissing::new);
    }

    /** The caller if a token was sent; empty when none was. */
    public Optional<Caller> optional(SecurityContext security) {
        if (!(security.getUserPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        return Optional.of(live(token));
    }

    private Caller live(JsonWebToken token) {
        try {
            Long notBefore = token.getClaim("nbf");
            String sessionId = token.getClaim(TokenRules.SESSION_ID);
            long now = clock.instant().getEpochSecond();
            boolean usable = TokenRules.ACCESS.equals(token.getClaim(TokenRules.TOKEN_TYPE))
                    && (notBefore == null || notBefore <= now) && now < token.getExpirationTime();
            var session = usable ? sessions.find(sessionId) : Optional.<LiveSession>empty();
            if (session.filter(s -> s.userId().equals(token.getSubject())).isPresent()) {
                return new Caller(token.getSubject(), sessionId, session.get().username(), session.get().dateJoined(),
                        token.getGroups() != null && token.getGroups().contains(TokenRules.OPERATOR_GROUP));
            }
            if (usable) {
                metrics.revokedTokenRejected();
            }
        } catch (ClassCastException wrongClaimType) {
            // a claim of the wrong JSON type is a token this service never issued
        }
        throw new InvalidToken();
    }
}
