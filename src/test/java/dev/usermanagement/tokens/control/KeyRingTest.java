package dev.usermanagement.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingTest {

    @TempDir
    Path dir;

    @Test
    void firstStartMakesAP256KeyReadableByTheOwnerOnly() throws Exception {
        Path file = dir.resolve("keys/signing.json");
        JWKSet ring = KeyRing.loadOrCreate(file, JWSAlgorithm.ES256);
        ECKey key = (ECKey) ring.getKeys().get(0);
        assertEquals("P-256", key.getCurve().getName());
        assertTrue(key.isPrivate());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void laterStartsReuseTheSameKey() {
        Path file = dir.resolve("signing.json");
        String first = KeyRing.loadOrCreate(file, JWSAlgorithm.ES256).getKeys().get(0).getKeyID();
        assertEquals(first, KeyRing.loadOrCreate(file, JWSAlgorithm.ES256).getKeys().get(0).getKeyID());
    }

    @Test
    void switchingAlgorithmAddsANewestKeyAndKeepsTheOldForVerification() {
        Path file = dir.resolve("signing.json");
        String ecKid = KeyRing.loadOrCreate(file, JWSAlgorithm.ES256).getKeys().get(0).getKeyID();
        JWKSet ring = KeyRing.loadOrCreate(file, JWSAlgorithm.RS256);
        assertEquals(2, ring.getKeys().size());
        assertEquals(3072, ((RSAKey) ring.getKeys().get(0)).size());
        assertEquals(ecKid, ring.getKeys().get(1).getKeyID());
        assertFalse(ring.toPublicJWKSet().getKeys().stream().anyMatch(k -> k.isPrivate()));
    }

    /** The refresh-token secret lives in the same file and never in what is published. */
    @Test
    void aRefreshSecretOf512BitsIsKeptButNeverPublished() {
        Path file = dir.resolve("signing.json");
        KeyRing.loadOrCreate(file, JWSAlgorithm.RS256);
        JWKSet ring = KeyRing.update(file, current -> KeyRotation.withFirstKey(current, JWSAlgorithm.HS512, java.time.Instant.now()));
        OctetSequenceKey secret = (OctetSequenceKey) ring.getKeys().stream()
                .filter(key -> JWSAlgorithm.HS512.equals(key.getAlgorithm())).findFirst().orElseThrow();
        assertEquals(512, secret.size());
        assertEquals(2, ring.getKeys().size());
        assertEquals(1, ring.toPublicJWKSet().getKeys().size());
        assertFalse(ring.toPublicJWKSet().toString().contains(secret.getKeyValue().toString()));
        assertFalse(ring.toPublicJWKSet().toString().contains(secret.getKeyID()));
    }

    @Test
    void refusesAlgorithmsOtherThanEs256AndRs256() {
        assertThrows(IllegalArgumentException.class, () -> KeyRing.loadOrCreate(dir.resolve("k.json"), JWSAlgorithm.HS256));
    }
}
