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

/**
 * Signs with the key that KeyRotation says signs now; verifies refresh tokens with the configured algorithm
 * only, against every published key. The key file is read again every key-check interval, so a successor
 * made here or by another instance sharing the file is published and, once active, used without a restart.
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

    private volatile Keys keys;
    private ScheduledFuture<?> checks;

    /** One consistent view of the ring: what is published, who signs from when, how refresh tokens verify. */
    private record Keys(JWKSet ring, String publicJwks, List<Signer> signers, DefaultJWTProcessor<SecurityContext> refreshProcessor) {
    }

    private record Signer(JWK key, JWSSigner signer) {
    }

    @PostConstruct
    void load() {
        keys = keysOf(rotatedRing());
        logSettings();
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
            if (!ring.toPublicJWKSet().toString().equals(keys.publicJwks())) {
                keys = keysOf(ring);
                LOG.info(() -> "Signing keys changed: " + kids(ring));
                changes.fire(new KeyRingChanged(kids(ring)));
            }
        } catch (RuntimeException e) { // the keys in memory keep working; the next check tries again
            LOG.log(Level.WARNING, "Cannot check the signing key file: {0}", LogText.of(e.getMessage()));
        }
    }

    private JWKSet rotatedRing() {
        KeyRotation rotation = settings.keyRotation();
        return KeyRing.update(Path.of(settings.keyFile()), current -> rotation.apply(current, clock.instant()));
    }

    private Keys keysOf(JWKSet ring) {
        JWKSet publicKeys = ring.toPublicJWKSet();
        List<Signer> signers = ring.getKeys().stream()
                .filter(key -> settings.algorithm().equals(key.getAlgorithm()))
                .map(key -> new Signer(key, signer(key, settings.algorithm())))
                .toList();
        var refreshProcessor = new DefaultJWTProcessor<>();
        refreshProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        // RFC 8725 section 3.1: one pinned algorithm; "none", HS* and every other alg find no key.
        refreshProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithm(), new ImmutableJWKSet<>(publicKeys)));
        refreshProcessor.setJWTClaimsSetVerifier(settings.rules().refreshVerifier());
        return new Keys(ring, publicKeys.toString(), signers, refreshProcessor);
    }

    private static JWSSigner signer(JWK key, JWSAlgorithm algorithm) {
        try {
            return new DefaultJWSSignerFactory().createJWSSigner(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + key.getKeyID() + " cannot sign " + algorithm, e);
        }
    }

    private void logSettings() {
        LOG.info(() -> "Signing with " + settings.algorithm() + " key " + activeSigner().key().getKeyID() + " of "
                + kids(keys.ring()) + " in " + settings.keyFile() + "; access tokens live " + settings.rules().accessLifetime()
                + ", refresh tokens " + settings.rules().refreshLifetime() + ", rotation " + (settings.rotateRefresh() ? "on" : "off")
                + "; a new key every " + settings.keyRotation().period() + ", published " + settings.keyRotation().activationDelay()
                + " before it signs");
    }

    private static List<String> kids(JWKSet ring) {
        return ring.getKeys().stream().map(JWK::getKeyID).toList();
    }

    /** The newest key that has started signing (a successor is published first and signs later). */
    private Signer activeSigner() {
        var now = clock.instant();
        return keys.signers().stream()
                .filter(signer -> !KeyRotation.activation(signer.key()).isAfter(now))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No active " + settings.algorithm() + " key in " + settings.keyFile()));
    }

    /** Ready to sign: the key file was read or made, and a key of the configured algorithm signs now. */
    public boolean loaded() {
        return keys != null && !keys.signers().isEmpty();
    }

    public String sign(JWTClaimsSet claims) {
        Signer active = activeSigner();
        var header = new JWSHeader.Builder(settings.algorithm())
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
