package dev.usermanagement.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final KeyRotation ROTATION = new KeyRotation(JWSAlgorithm.ES256,
            Duration.ofDays(90), Duration.ofMinutes(15), Duration.ofDays(1));

    @Test
    void aFirstKeySignsAtOnce() {
        JWKSet ring = ROTATION.apply(new JWKSet(), START);
        assertEquals(1, ring.getKeys().size());
        assertEquals(START, KeyRotation.activation(ring.getKeys().get(0)));
    }

    @Test
    void nothingChangesBeforeTheKeyIsDue() {
        JWKSet ring = ROTATION.apply(new JWKSet(), START);
        assertSame(ring.getKeys().get(0), ROTATION.apply(ring, START.plus(Duration.ofDays(89))).getKeys().get(0));
        assertEquals(1, ROTATION.apply(ring, START.plus(Duration.ofDays(89))).getKeys().size());
    }

    @Test
    void aDueKeyGetsASuccessorThatIsPublishedFirstAndSignsAfterTheDelay() {
        Instant due = START.plus(Duration.ofDays(90));
        JWKSet ring = ROTATION.apply(ROTATION.apply(new JWKSet(), START), due);
        List<JWK> keys = ring.getKeys();
        assertEquals(2, keys.size(), "both are published");
        assertEquals(due.plus(Duration.ofMinutes(15)), KeyRotation.activation(keys.get(0)));
        assertEquals(2, ROTATION.apply(ring, due.plus(Duration.ofMinutes(1))).getKeys().size(), "one successor, not one per check");
    }

    @Test
    void theOldKeyStaysUntilEveryTokenItSignedHasExpired() {
        Instant due = START.plus(Duration.ofDays(90));
        JWKSet rotated = ROTATION.apply(ROTATION.apply(new JWKSet(), START), due);
        Instant successorSigns = due.plus(Duration.ofMinutes(15));
        assertEquals(2, ROTATION.apply(rotated, successorSigns.plus(Duration.ofDays(1))).getKeys().size());
        JWKSet pruned = ROTATION.apply(rotated, successorSigns.plus(Duration.ofDays(1)).plusSeconds(1));
        assertEquals(List.of(rotated.getKeys().get(0).getKeyID()), pruned.getKeys().stream().map(JWK::getKeyID).toList());
    }

    @Test
    void keysOfAnotherAlgorithmAreLeftAlone() {
        JWKSet rsaRing = new KeyRotation(JWSAlgorithm.RS256, Duration.ZERO, Duration.ZERO, Duration.ZERO).apply(new JWKSet(), START);
        JWKSet both = ROTATION.apply(rsaRing, START.plus(Duration.ofDays(400)));
        assertEquals(2, both.getKeys().size());
        assertEquals(JWSAlgorithm.ES256, both.getKeys().get(0).getAlgorithm());
    }
}
