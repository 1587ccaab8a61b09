package dev.usermanagement.tokens.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.usermanagement.database.SchemaMigration;
import dev.usermanagement.web.LogText;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs access tokens with the key pair and refresh tokens with the secret that KeyRotation says sign now;
 * verifies refresh tokens with HS512 and the secrets only, never with a published key. The ring in the
 * database is read again every key-check interval, so a successor made here or by another instance on the
 * same database is published and, once active, used without a restart.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    TokenSettings settings;

    @Inject
    Clock clock;

    @Inject
    Event<KeyRingChanged> changes;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:app/jdbc/users")
    DataSource database;

    private KeyRingStore store;
    private volatile Keys keys;
    private ScheduledFuture<?> checks;

    /** One consistent view of the ring: what is published, who signs from when, how refresh tokens verify. */
    private record Keys(JWKSet ring, String publicJwks, List<Signer> signers, List<Signer> refreshSigners,
                        DefaultJWTProcessor<SecurityContext> refreshProcessor) {
    }

    private record Signer(JWK key, JWSSigner signer) {
    }

    @PostConstruct
    void load() {
        SchemaMigration.ensureUpToDate(database); // the table may be read before SchemaMigration's own start
        var encryption = KeyEncryption.from(ConfigProvider.getConfig(SigningKeys.class.getClassLoader()));
        store = new KeyRingStore(database, encryption, Path.of(settings.keyFile()));
        keys = keysOf(rotatedRing());
        logSettings();
        if (!encryption.sealing()) {
            LOG.warning(() -> "The signing keys are stored in the database unencrypted: anyone who can read the database"
                    + " or a backup of it can sign tokens. Set " + KeyEncryption.KEY + " (USERS_TOKEN_KEY_ENCRYPTION_KEY,"
                    + " base64 of 32 random bytes) or " + KeyEncryption.KEY_FILE + " to keep them encrypted (README).");
        }
    }

    /** Eager, so that rotation checks run from the start, not from the first token. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        long every = settings.keyCheck().toMillis();
        checks = scheduler.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }

    /** Signers and verifiers are rebuilt only when the ring changed, not at every check. */
    private void check() {
        try {
            JWKSet ring = rotatedRing();
            if (!ring.toString(false).equals(keys.ring().toString(false))) {
                keys = keysOf(ring);
                LOG.info(() -> "Signing keys changed: " + kids(ring));
                changes.fire(new KeyRingChanged(kids(ring)));
            }
        } catch (RuntimeException e) { // the keys in memory keep working; the next check tries again
            LOG.log(Level.WARNING, "Cannot check the signing keys in the database: {0}", LogText.of(e.getMessage()));
        }
    }

    private JWKSet rotatedRing() {
        KeyRotation signing = settings.keyRotation();
        KeyRotation refresh = settings.refreshKeyRotation();
        return store.update(current -> {
            var now = clock.instant();
            return refresh.apply(signing.apply(current, now), now);
        });
    }

    private Keys keysOf(JWKSet ring) {
        JWKSet publicKeys = ring.toPublicJWKSet();
        PublicKeyConfigSource.publish(publicKeys.toString());
        JWKSet secrets = new JWKSet(ofAlgorithm(ring, TokenSettings.REFRESH_ALGORITHM));
        var refreshProcessor = new DefaultJWTProcessor<>();
        refreshProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        // RFC 8725 section 3.1: one pinned algorithm and key kind; "none", RS256 or ES256 with a published
        // key, and HS* keyed with anything public find no key.
        refreshProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(TokenSettings.REFRESH_ALGORITHM, new ImmutableJWKSet<>(secrets)));
        refreshProcessor.setJWTClaimsSetVerifier(settings.rules().refreshVerifier());
        return new Keys(ring, publicKeys.toString(), signers(ring, settings.algorithm()),
                signers(ring, TokenSettings.REFRESH_ALGORITHM), refreshProcessor);
    }

    private static List<JWK> ofAlgorithm(JWKSet ring, JWSAlgorithm algorithm) {
        return ring.getKeys().stream().filter(key -> algorithm.equals(key.getAlgorithm())).toList();
    }

    private static List<Signer> signers(JWKSet ring, JWSAlgorithm algorithm) {
        return ofAlgorithm(ring, algorithm).stream().map(key -> new Signer(key, signer(key, algorithm))).toList();
    }

    private static JWSSigner signer(JWK key, JWSAlgorithm algorithm) {
        try {
            return new DefaultJWSSignerFactory().createJWSSigner(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + key.getKeyID() + " cannot sign " + algorithm, e);
        }
    }

    private void logSettings() {
        LOG.info(() -> "Signing with " + settings.algorithm() + " key " + active(keys.signers()).key().getKeyID() + " of "
                + kids(keys.ring()) + " from the database; access tokens live " + settings.rules().accessLifetime()
                + ", refresh tokens " + settings.rules().refreshLifetime() + ", rotation " + (settings.rotateRefresh() ? "on" : "off")
                + "; a new key every " + settings.keyRotation().period() + ", published " + settings.keyRotation().activationDelay()
                + " before it signs");
    }

    private static List<String> kids(JWKSet ring) {
        return ring.getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The newest key that has started signing (a successor is published first and signs later). */
    private Signer active(List<Signer> signers) {
        var now = clock.instant();
        return signers.stream()
                .filter(signer -> !KeyRotation.activation(signer.key()).isAfter(now))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No active signing key in the database"));
    }

    /** Ready to sign: the ring was read or made, and a key of the configured algorithm signs now. */
    public boolean loaded() {
        return keys != null && !keys.signers().isEmpty() && !keys.refreshSigners().isEmpty();
    }

    /** An access token: signed with the active key pair, verifiable by anyone with the JWK Set. */
    public String sign(JWTClaimsSet claims) {
        return sign(claims, settings.algorithm(), active(keys.signers()));
    }

    /** A refresh token: signed with the active secret, verifiable by this service alone. */
    public String signRefresh(JWTClaimsSet claims) {
        return sign(claims, TokenSettings.REFRESH_ALGORITHM, active(keys.refreshSigners()));
    }

    private static String sign(JWTClaimsSet claims, JWSAlgorithm algorithm, Signer active) {
        var header = new JWSHeader.Builder(algorithm)
                .type(JOSEObjectType.JWT)
                .keyID(active.key().getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(active.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a genuine, unexpired refresh token, or InvalidToken. */
    public JWTClaimsSet verifyRefresh(String token) {
        try {
            return keys.refreshProcessor().process(token, null);
        } catch (Exception e) { // every way a hostile string can fail is the same answer
            LOG.log(Level.INFO, "Refused a refresh token: {0}", LogText.of(e.getMessage()));
            throw new InvalidToken();
        }
    }

    /** The public keys as a JWK Set document (RFC 7517 section 5). */
    public String publicJwks() {
        return keys.publicJwks();
    }
}
