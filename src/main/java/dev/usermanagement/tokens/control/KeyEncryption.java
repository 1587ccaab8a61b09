package dev.usermanagement.tokens.control;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * How the key ring is kept at rest: sealed with AES-256-GCM under the operator's key-encryption key (a JWE,
 * RFC 7516, "dir" + "A256GCM": ASVS 5 V11.5, keys protected at rest), or, without one, as plain JSON that
 * anyone able to read the database or a backup of it could sign tokens with.
 */
public final class KeyEncryption {

    static final String KEY = "users.token.key-encryption-key";
    static final String KEY_FILE = "users.token.key-encryption-key-file";
    private static final int KEY_BYTES = 32;

    private final SecretKey kek;

    private KeyEncryption(SecretKey kek) {
        this.kek = kek;
    }

    /** From users.token.key-encryption-key (base64 of 32 random bytes) or the file named by ...-file. */
    public static KeyEncryption from(Config config) {
        return of(config.getOptionalValue(KEY, String.class), config.getOptionalValue(KEY_FILE, String.class));
    }

    static KeyEncryption of(Optional<String> key, Optional<String> keyFile) {
        Optional<String> inline = key.filter(value -> !value.isBlank());
        Optional<String> file = keyFile.filter(value -> !value.isBlank());
        return new KeyEncryption(inline.or(() -> file.map(KeyEncryption::read)).map(KeyEncryption::key).orElse(null));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key-encryption key file " + file, e);
        }
    }

    private static SecretKey key(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip().replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key-encryption key must be base64 (openssl rand -base64 32)");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key-encryption key must be 32 bytes (256 bits), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    public boolean sealing() {
        return kek != null;
    }

    String seal(JWKSet ring) {
        String json = ring.toString(false);
        if (kek == null) {
            return json;
        }
        var jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).contentType("jwk-set+json").build(),
                new Payload(json));
        try {
            jwe.encrypt(new DirectEncrypter(kek));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot encrypt the signing keys", e);
        }
        return jwe.serialize();
    }

    JWKSet open(String stored) {
        try {
            if (!sealed(stored)) {
                return JWKSet.parse(stored);
            }
            if (kek == null) {
                throw new IllegalStateException("The signing keys in the database are encrypted: set " + KEY
                        + " (USERS_TOKEN_KEY_ENCRYPTION_KEY) to the key they were encrypted with");
            }
            var jwe = JWEObject.parse(stored);
            jwe.decrypt(new DirectDecrypter(kek));
            return JWKSet.parse(jwe.getPayload().toString());
        } catch (ParseException e) {
            throw new IllegalStateException("The signing keys in the database are not a JWK Set", e);
        } catch (JOSEException e) {
            throw new IllegalStateException("The signing keys in the database do not decrypt with this " + KEY
                    + " (a different key, or the data was altered)", e);
        }
    }

    /** Whether what is stored is kept the way this setting asks (sealed with a key, plain without). */
    boolean keeps(String stored) {
        return sealed(stored) == sealing();
    }

    private static boolean sealed(String stored) {
        return !stored.stripLeading().startsWith("{");
    }
}
