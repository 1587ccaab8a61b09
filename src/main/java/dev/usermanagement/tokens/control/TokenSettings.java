package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JWSAlgorithm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Token settings from MicroProfile Config. Issuer, access audience, algorithm and key file have their
 * defaults in META-INF/microprofile-config.properties, where mp.jwt.verify.* follow them.
 */
@ApplicationScoped
public class TokenSettings {

    @Inject
    @ConfigProperty(name = "users.token.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "users.token.access-audience")
    String accessAudience;

    /** Different from the access audience, so neither kind passes the other's checks (RFC 8725 3.12). */
    @Inject
    @ConfigProperty(name = "users.token.refresh-audience", defaultValue = "user-management-refresh")
    String refreshAudience;

    @Inject
    @ConfigProperty(name = "users.token.access-lifetime-seconds", defaultValue = "300")
    long accessLifetimeSeconds;

    @Inject
    @ConfigProperty(name = "users.token.refresh-lifetime-seconds", defaultValue = "86400")
    long refreshLifetimeSeconds;

    @Inject
    @ConfigProperty(name = "users.token.algorithm")
    String algorithm;

    @Inject
    @ConfigProperty(name = "users.token.key-file")
    String keyFile;

    /** RFC 9700 section 4.14.2: each refresh spends the token and hands out the next one. */
    @Inject
    @ConfigProperty(name = "users.token.rotate-refresh", defaultValue = "false")
    boolean rotateRefresh;

    /** How long a just-spent refresh token is refused without ending the session (concurrent clients). */
    @Inject
    @ConfigProperty(name = "users.token.reuse-grace-seconds", defaultValue = "10")
    long reuseGraceSeconds;

    /** NIST SP 800-57 cryptoperiod: how long one key signs before a successor is made; 0 never. */
    @Inject
    @ConfigProperty(name = "users.token.key-rotation-seconds", defaultValue = "7776000")
    long keyRotationSeconds;

    /**
     * How long a new key is published before it signs: longer than MP JWT's key cache (5 min), the check
     * interval, and the JWK Set caching of every consumer.
     */
    @Inject
    @ConfigProperty(name = "users.token.key-activation-delay-seconds", defaultValue = "900")
    long keyActivationDelaySeconds;

    /** How often the key file is read again: rotation due, or a key another instance added. */
    @Inject
    @ConfigProperty(name = "users.token.key-check-seconds", defaultValue = "60")
    long keyCheckSeconds;

    public KeyRotation keyRotation() {
        return rotationOf(algorithm());
    }

    /**
     * The refresh-token secret rotates with the signing keys; the activation delay lets every instance
     * sharing the key file learn a new secret before any refresh token is signed with it.
     */
    public KeyRotation refreshKeyRotation() {
        return rotationOf(REFRESH_ALGORITHM);
    }

    private KeyRotation rotationOf(JWSAlgorithm algorithm) {
        TokenRules rules = rules();
        Duration longestToken = rules.accessLifetime().compareTo(rules.refreshLifetime()) > 0
                ? rules.accessLifetime() : rules.refreshLifetime();
        return new KeyRotation(algorithm, Duration.ofSeconds(keyRotationSeconds),
                Duration.ofSeconds(keyActivationDelaySeconds), longestToken);
    }

    public Duration keyCheck() {
        return Duration.ofSeconds(keyCheckSeconds);
    }

    public boolean rotateRefresh() {
        return rotateRefresh;
    }

    public Duration reuseGrace() {
        return Duration.ofSeconds(reuseGraceSeconds);
    }

    public TokenRules rules() {
        return new TokenRules(issuer, accessAudience, refreshAudience,
                Duration.ofSeconds(accessLifetimeSeconds), Duration.ofSeconds(refreshLifetimeSeconds));
    }

    /**
     * Refresh tokens are read by this service alone, so a secret key signs them (the contract's "Tokens";
     * Keycloak does the same): verifying one costs a MAC, not a public-key operation.
     */
    public static final JWSAlgorithm REFRESH_ALGORITHM = JWSAlgorithm.HS512;

    public JWSAlgorithm algorithm() {
        return JWSAlgorithm.parse(algorithm);
    }

    public String keyFile() {
        return keyFile;
    }
}
