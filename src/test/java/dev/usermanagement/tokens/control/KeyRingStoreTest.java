package dev.usermanagement.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.usermanagement.database.SchemaMigration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.function.UnaryOperator;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ring in a real database (H2 in memory, through the same migrations as the service). */
class KeyRingStoreTest {

    @TempDir
    Path dir;

    private JdbcDataSource database;

    @BeforeEach
    void emptyDatabase() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SchemaMigration.bringUpToDate(database);
    }

    private KeyRingStore store(KeyEncryption encryption) {
        return new KeyRingStore(database, encryption, dir.resolve("signing-jwks.json"));
    }

    private KeyRingStore plain() {
        return store(KeyEncryption.of(Optional.empty(), Optional.empty()));
    }

    private static KeyEncryption sealedWith(byte[] key) {
        return KeyEncryption.of(Optional.of(Base64.getEncoder().encodeToString(key)), Optional.empty());
    }

    private static UnaryOperator<JWKSet> firstKey(JWSAlgorithm algorithm) {
        return ring -> KeyRotation.withFirstKey(ring, algorithm, Instant.now());
    }

    private String storedRow() throws SQLException {
        try (var connection = database.getConnection(); var rows = connection.createStatement()
                .executeQuery("SELECT ring FROM signing_key_ring")) {
            assertTrue(rows.next());
            String ring = rows.getString(1);
            assertFalse(rows.next(), "one row");
            return ring;
        }
    }

    @Test
    void firstUseMakesAP256KeyAndLaterUsesReuseIt() {
        JWKSet ring = plain().update(firstKey(JWSAlgorithm.ES256));
        ECKey key = (ECKey) ring.getKeys().get(0);
        assertEquals("P-256", key.getCurve().getName());
        assertTrue(key.isPrivate());
        assertEquals(key.getKeyID(), plain().update(firstKey(JWSAlgorithm.ES256)).getKeys().get(0).getKeyID());
    }

    @Test
    void switchingAlgorithmAddsANewestKeyAndKeepsTheOldForVerification() {
        String ecKid = plain().update(firstKey(JWSAlgorithm.ES256)).getKeys().get(0).getKeyID();
        JWKSet ring = plain().update(firstKey(JWSAlgorithm.RS256));
        assertEquals(2, ring.getKeys().size());
        assertEquals(3072, ((RSAKey) ring.getKeys().get(0)).size());
        assertEquals(ecKid, ring.getKeys().get(1).getKeyID());
        assertFalse(ring.toPublicJWKSet().getKeys().stream().anyMatch(JWK::isPrivate));
    }

    /** The refresh-token secret lives in the same ring and never in what is published. */
    @Test
    void aRefreshSecretOf512BitsIsKeptButNeverPublished() {
        plain().update(firstKey(JWSAlgorithm.RS256));
        JWKSet ring = plain().update(firstKey(JWSAlgorithm.HS512));
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
        assertThrows(IllegalArgumentException.class, () -> plain().update(firstKey(JWSAlgorithm.HS256)));
    }

    /** Upgrading from a key file keeps every token it signed valid: the same keys, imported once. */
    @Test
    void anExistingKeyFileIsImportedIntoTheFirstRowOnly() throws Exception {
        JWK old = KeyRing.generate(JWSAlgorithm.ES256, Instant.now(), Instant.now());
        Files.writeString(dir.resolve("signing-jwks.json"), new JWKSet(old).toString(false));
        JWKSet ring = plain().update(firstKey(JWSAlgorithm.ES256));
        assertEquals(List.of(old.getKeyID()), ring.getKeys().stream().map(JWK::getKeyID).toList());
        Files.writeString(dir.resolve("signing-jwks.json"), new JWKSet().toString(false));
        assertEquals(old.getKeyID(), plain().update(UnaryOperator.identity()).getKeys().get(0).getKeyID(), "read once");
    }

    @Test
    void withAKeyEncryptionKeyTheRowIsAnAesGcmJweThatOnlyThatKeyOpens() throws Exception {
        byte[] kek = new byte[32];
        new java.security.SecureRandom().nextBytes(kek);
        JWKSet ring = store(sealedWith(kek)).update(firstKey(JWSAlgorithm.ES256));
        String row = storedRow();
        assertEquals(5, row.split("\\.", -1).length, "JWE compact serialisation");
        assertTrue(new String(Base64.getUrlDecoder().decode(row.split("\\.")[0])).contains("\"A256GCM\""));
        assertFalse(row.contains(((ECKey) ring.getKeys().get(0)).getD().toString()), "no private key in clear");
        assertEquals(ring.getKeys().get(0).getKeyID(),
                store(sealedWith(kek)).update(UnaryOperator.identity()).getKeys().get(0).getKeyID());

        byte[] other = kek.clone();
        other[0] ^= 1;
        var wrongKey = assertThrows(IllegalStateException.class, () -> store(sealedWith(other)).update(UnaryOperator.identity()));
        assertTrue(wrongKey.getMessage().contains("do not decrypt"), wrongKey.getMessage());
        var noKey = assertThrows(IllegalStateException.class, () -> plain().update(UnaryOperator.identity()));
        assertTrue(noKey.getMessage().contains("USERS_TOKEN_KEY_ENCRYPTION_KEY"), noKey.getMessage());
    }

    @Test
    void aPlainRingIsSealedOnceAKeyEncryptionKeyIsSet() throws Exception {
        JWKSet ring = plain().update(firstKey(JWSAlgorithm.ES256));
        assertTrue(storedRow().startsWith("{"));
        store(sealedWith(new byte[32])).update(UnaryOperator.identity());
        assertFalse(storedRow().startsWith("{"));
        assertEquals(ring.getKeys().get(0).getKeyID(),
                store(sealedWith(new byte[32])).update(UnaryOperator.identity()).getKeys().get(0).getKeyID());
    }

    @Test
    void refusesAKeyEncryptionKeyThatIsNot256Bits() {
        var shortKey = assertThrows(IllegalArgumentException.class, () -> sealedWith(new byte[16]));
        assertTrue(shortKey.getMessage().contains("32 bytes"), shortKey.getMessage());
    }

    /** Three instances on an empty database, then rotating at the same moment: one first key, one successor. */
    @Test
    void instancesStartingOrRotatingAtOnceMakeOneKeyEach() throws Exception {
        assertEquals(1, atOnce(3, firstKey(JWSAlgorithm.ES256)).size(), "one first key for all three");
        var rotation = new KeyRotation(JWSAlgorithm.ES256, Duration.ofSeconds(1), Duration.ZERO, Duration.ofDays(1));
        Thread.sleep(1100);
        Set<String> rings = atOnce(3, ring -> rotation.apply(ring, Instant.now()));
        assertEquals(1, rings.size(), "all three see the same ring");
        assertEquals(2, JWKSet.parse(rings.iterator().next()).getKeys().size(), "one successor, not three");
    }

    private Set<String> atOnce(int instances, UnaryOperator<JWKSet> change) throws Exception {
        var start = new CyclicBarrier(instances);
        Set<String> results = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < instances; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    results.add(plain().update(change).toString(false));
                } catch (Exception | Error e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), failures);
        return results;
    }
}
