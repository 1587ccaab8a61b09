package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * When a new signing key is made, when it starts signing, and when an old one may go. A new key is
 * published (JWK Set, every instance's verifier) for the activation delay before it signs, so no verifier
 * meets a token from a key it has not seen; an old key stays published until the last token it signed has
 * expired (retention), so rotation never logs anyone out (NIST SP 800-57 part 1, 5.3: cryptoperiods).
 */
public record KeyRotation(JWSAlgorithm algorithm, Duration period, Duration activationDelay, Duration retention) {

    /** The ring after this moment's changes: a first key, a successor when the signing key is due, old keys gone. */
    public JWKSet apply(JWKSet ring, Instant now) {
        List<JWK> keys = new ArrayList<>(withFirstKey(ring, algorithm, now).getKeys());
        JWK newest = keys.stream().filter(this::ofAlgorithm).findFirst().orElseThrow();
        if (!period.isZero() && !issued(newest).plus(period).isAfter(now)) {
            keys.add(0, KeyRing.generate(algorithm, now, now.plus(activationDelay)));
        }
        keys.removeIf(key -> retired(key, keys, now));
        return new JWKSet(keys);
    }

    /** The ring with a key for the algorithm, signing at once, made if it has none (first start, new algorithm). */
    static JWKSet withFirstKey(JWKSet ring, JWSAlgorithm algorithm, Instant now) {
        if (ring.getKeys().stream().anyMatch(key -> algorithm.equals(key.getAlgorithm()))) {
            return ring;
        }
        List<JWK> keys = new ArrayList<>(ring.getKeys());
        keys.add(0, KeyRing.generate(algorithm, now, now));
        return new JWKSet(keys);
    }

    /** Superseded by a newer key of its algorithm that has been signing for longer than any token lives. */
    private boolean retired(JWK key, List<JWK> keys, Instant now) {
        if (!ofAlgorithm(key)) {
            return false;
        }
        return keys.subList(0, keys.indexOf(key)).stream()
                .filter(this::ofAlgorithm)
                .map(KeyRotation::activation)
                .anyMatch(successorSigns -> successorSigns.plus(retention).isBefore(now));
    }

    private boolean ofAlgorithm(JWK key) {
        return algorithm.equals(key.getAlgorithm());
    }

    static Instant issued(JWK key) {
        return instant(key.getIssueTime());
    }

    static Instant activation(JWK key) {
        return key.getNotBeforeTime() != null ? instant(key.getNotBeforeTime()) : issued(key);
    }

    private static Instant instant(Date date) {
        return date == null ? Instant.EPOCH : date.toInstant();
    }
}
