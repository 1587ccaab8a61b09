package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JWSAlgorithm;
import dev.usermanagement.database.ConfiguredDataSource;
import dev.usermanagement.database.SchemaMigration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the public half of the service's own signing keys (mp.jwt.verify.publickey, as a
 * JWK Set, looked up by kid). The container asks while deploying, before the issuer bean exists: then this
 * reads the ring from the database itself, over a connection of its own (making the first key if there is
 * none, as SigningKeys would); from then on it hands out what SigningKeys last read.
 */
public class PublicKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private static volatile String published;

    /** The public keys as SigningKeys last read them. */
    static void publish(String jwks) {
        published = jwks;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PUBLIC_KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PUBLIC_KEY, getValue(PUBLIC_KEY));
    }

    @Override
    public String getValue(String name) {
        if (!PUBLIC_KEY.equals(name)) {
            return null;
        }
        var config = ConfigProvider.getConfig();
        if (config.getOptionalValue(PUBLIC_KEY_LOCATION, String.class).isPresent()) {
            return null; // the operator points MicroProfile JWT at the JWK Set URL (README, WildFly)
        }
        String current = published;
        if (current != null) {
            return current;
        }
        try {
            var database = new ConfiguredDataSource();
            SchemaMigration.ensureUpToDate(database);
            JWSAlgorithm algorithm = JWSAlgorithm.parse(config.getValue("users.token.algorithm", String.class));
            var store = new KeyRingStore(database, KeyEncryption.from(config), Path.of(config.getValue("users.token.key-file", String.class)));
            return store.update(ring -> KeyRotation.withFirstKey(ring, algorithm, Instant.now())).toPublicJWKSet().toString();
        } catch (RuntimeException unusable) {
            return null; // SettingsCheck and SigningKeys name the cause; a stack trace from inside MP JWT would not
        }
    }

    @Override
    public int getOrdinal() {
        return 50; // below system properties and environment: an operator's own key setting wins
    }

    @Override
    public String getName() {
        return "user-management signing keys";
    }
}
