package dev.usermanagement.tokens.control;

import dev.usermanagement.web.BearerChallenge;
import dev.usermanagement.web.ErrorBodies;

/** Garbage, forged, expired, revoked or the wrong kind: one answer for all (RFC 6750 invalid_token). */
public class InvalidToken extends BearerChallenge {

    public InvalidToken() {
        super(ErrorBodies.TOKEN_INVALID);
    }
}
