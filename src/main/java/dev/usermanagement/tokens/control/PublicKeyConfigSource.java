package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JWSAlgorithm;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the public half of the service's own signing keys (mp.jwt.verify.publickey, as a
 * JWK Set, looked up by kid). The container asks while deploying, which is why this reads the key file
 * itself rather than waiting for the issuer bean.
 */
public class PublicKeyConfigSource implements ConfigSource {

    static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
    static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

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
        try {
            Path file = Path.of(config.getValue("users.token.key-file", String.class));
            JWSAlgorithm algorithm = JWSAlgorithm.parse(config.getValue("users.token.algorithm", String.class));
            return KeyRing.loadOrCreate(file, algorithm).toPublicJWKSet().toString();
        } catch (RuntimeException unusable) {
            return null; // SettingsCheck names the setting; a stack trace from inside MP JWT would not
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
