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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Signs with the newest key of the configured algorithm; verifies refresh tokens with that algorithm only. */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    TokenSettings settings;

    private JWKSet ring;
    private String publicJwks;
    private JWK signingKey;
    private JWSSigner signer;
    private DefaultJWTProcessor<SecurityContext> refreshProcessor;

    @PostConstruct
    void load() {
        JWSAlgorithm algorithm = settings.algorithm();
        ring = KeyRing.loadOrCreate(Path.of(settings.keyFile()), algorithm);
        JWKSet publicKeys = ring.toPublicJWKSet();
        publicJwks = publicKeys.toString();
        signingKey = ring.getKeys().stream().filter(key -> algorithm.equals(key.getAlgorithm())).findFirst().orElseThrow();
        try {
            signer = new DefaultJWSSignerFactory().createJWSSigner(signingKey, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing key " + signingKey.getKeyID() + " cannot sign " + algorithm, e);
        }
        refreshProcessor = new DefaultJWTProcessor<>();
        refreshProcessor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT));
        // RFC 8725 section 3.1: one pinned algorithm; "none", HS* and every other alg find no key.
        refreshProcessor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, new ImmutableJWKSet<>(publicKeys)));
        refreshProcessor.setJWTClaimsSetVerifier(settings.rules().refreshVerifier());
        LOG.info(() -> "Signing with " + algorithm + " key " + signingKey.getKeyID() + " of " + ring.getKeys().size()
                + " in " + settings.keyFile() + "; access tokens live " + settings.rules().accessLifetime()
                + ", refresh tokens " + settings.rules().refreshLifetime() + ", rotation " + (settings.rotateRefresh() ? "on" : "off"));
    }

    /** Ready to sign: the key file was read or made, and a key of the configured algorithm is in it. */
    public boolean loaded() {
        return signer != null;
    }

    public String sign(JWTClaimsSet claims) {
        var header = new JWSHeader.Builder(settings.algorithm())
                .type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID())
                .build();
        var jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a genuine, unexpired refresh token, or InvalidToken. */
    public JWTClaimsSet verifyRefresh(String token) {
        try {
            return refreshProcessor.process(token, null);
        } catch (Exception e) { // every way a hostile string can fail is the same answer
            LOG.log(Level.INFO, "Refused a refresh token: {0}", LogText.of(e.getMessage()));
            throw new InvalidToken();
        }
    }

    /** The public keys as a JWK Set document (RFC 7517 section 5). */
    public String publicJwks() {
        return publicJwks;
    }
}
