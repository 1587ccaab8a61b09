package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

/**
 * The signing keys as a JWK Set, newest first: the access-token key pairs and the refresh-token secrets,
 * which a public view of the ring leaves out. Kept in the database (KeyRingStore); a key file of earlier
 * versions is read once, to import it.
 */
public final class KeyRing {

    private static final int RSA_BITS = 3072; // NIST SP 800-57: 128-bit strength, like P-256
    private static final int REFRESH_SECRET_BITS = 512; // RFC 7518 section 3.2: at least the hash size for HS512

    private KeyRing() {
    }

    /** Fails when the file exists and is not a JWK Set: it would be imported (KeyRingStore). */
    public static void importable(Path file) {
        if (Files.exists(file)) {
            read(file);
        }
    }

    /** A key file of earlier versions (or written by hand), to import into the database. */
    static JWKSet read(Path file) {
        try {
            return JWKSet.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing keys from " + file, e);
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key file " + file + " is not a JWK Set", e);
        }
    }

    /** Times in whole seconds, as the JWK Set publishes them: the service switches keys when a reader expects it. */
    static JWK generate(JWSAlgorithm algorithm, Instant issuedAt, Instant signsFromAt) {
        try {
            return generator(algorithm).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyIDFromThumbprint(true)
                    .issueTime(Date.from(issuedAt.truncatedTo(ChronoUnit.SECONDS)))
                    .notBeforeTime(Date.from(signsFromAt.truncatedTo(ChronoUnit.SECONDS)))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a " + algorithm + " key", e);
        }
    }

    private static JWKGenerator<? extends JWK> generator(JWSAlgorithm algorithm) {
        if (JWSAlgorithm.ES256.equals(algorithm)) {
            return new ECKeyGenerator(Curve.P_256);
        }
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            return new RSAKeyGenerator(RSA_BITS);
        }
        if (TokenSettings.REFRESH_ALGORITHM.equals(algorithm)) {
            return new OctetSequenceKeyGenerator(REFRESH_SECRET_BITS);
        }
        throw new IllegalArgumentException("users.token.algorithm must be ES256 or RS256, not " + algorithm);
    }
}
