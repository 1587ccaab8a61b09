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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.function.UnaryOperator;

/**
 * The signing keys as a JWK Set file, newest first: the access-token key pairs and the refresh-token
 * secrets, which a public view of the ring leaves out. Made on first start with owner-only permissions when
 * no key for the configured algorithm exists. Both the issuer and the MicroProfile JWT key source read it
 * (the latter during deployment, before any bean exists), hence plain static code behind one lock.
 */
public final class KeyRing {

    private static final int RSA_BITS = 3072; // NIST SP 800-57: 128-bit strength, like P-256
    private static final int REFRESH_SECRET_BITS = 512; // RFC 7518 section 3.2: at least the hash size for HS512

    private KeyRing() {
    }

    /** The ring as it is, with a first key for the algorithm made if it has none. */
    public static JWKSet loadOrCreate(Path file, JWSAlgorithm algorithm) {
        return update(file, ring -> KeyRotation.withFirstKey(ring, algorithm, Instant.now()));
    }

    /**
     * Reads the ring, applies the change and writes the result if it differs, all under a file lock: instances
     * sharing a key file never both make a successor.
     */
    public static synchronized JWKSet update(Path file, UnaryOperator<JWKSet> change) {
        try (FileChannel lockFile = FileChannel.open(lockPath(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.lock()) {
            JWKSet existing = load(file);
            JWKSet changed = change.apply(existing);
            if (!changed.toString(false).equals(existing.toString(false))) {
                write(file, changed);
            }
            return changed;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the signing key file " + file, e);
        }
    }

    private static Path lockPath(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir, ownerOnly("rwx------"));
        return dir.resolve(file.getFileName() + ".lock");
    }

    private static JWKSet load(Path file) {
        if (!Files.exists(file)) {
            return new JWKSet();
        }
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

    /** Written beside the target and moved into place, so a crash never leaves half a key file. */
    private static void write(Path file, JWKSet ring) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir, ownerOnly("rwx------"));
            Path temp = Files.createTempFile(dir, "keys", ".tmp", ownerOnly("rw-------"));
            Files.writeString(temp, ring.toString(false), StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Signing key folder " + file.getParent() + " is not a folder", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write signing keys to " + file, e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(String permissions) {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))}
                : new FileAttribute<?>[0];
    }
}
