package dev.usermanagement.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.usermanagement.tokens.control.TokenRules;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cryptography: signing an access token (login, refresh), verifying one (every
 * authenticated request), and the Argon2id hash that bounds login and registration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@State(Scope.Benchmark)
public class CryptoBenchmark {

    private final TokenRules rules = new TokenRules("iss", "api", "refresh", Duration.ofMinutes(5), Duration.ofDays(1));
    private JWSSigner es256Signer;
    private JWSSigner rs256Signer;
    private JWSVerifier es256Verifier;
    private JWSVerifier rs256Verifier;
    private String es256Token;
    private String rs256Token;
    private Argon2Function argon2;

    @Setup
    public void keys() throws JOSEException {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
        RSAKey rsa = new RSAKeyGenerator(3072).keyID("rsa").generate();
        es256Signer = new ECDSASigner(ec);
        rs256Signer = new RSASSASigner(rsa);
        es256Verifier = new ECDSAVerifier(ec.toPublicJWK());
        rs256Verifier = new RSASSAVerifier(rsa.toPublicJWK());
        es256Token = sign(JWSAlgorithm.ES256, es256Signer);
        rs256Token = sign(JWSAlgorithm.RS256, rs256Signer);
        argon2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
    }

    private String sign(JWSAlgorithm algorithm, JWSSigner signer) throws JOSEException {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID("k").build(),
                rules.access("user-id", "alice", "session-id", Instant.now().plus(Duration.ofDays(30)), Instant.now(), false));
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Benchmark
    public String signEs256() throws JOSEException {
        return sign(JWSAlgorithm.ES256, es256Signer);
    }

    @Benchmark
    public String signRs256With3072BitKey() throws JOSEException {
        return sign(JWSAlgorithm.RS256, rs256Signer);
    }

    @Benchmark
    public boolean verifyEs256() throws JOSEException, ParseException {
        return SignedJWT.parse(es256Token).verify(es256Verifier);
    }

    @Benchmark
    public boolean verifyRs256With3072BitKey() throws JOSEException, ParseException {
        return SignedJWT.parse(rs256Token).verify(rs256Verifier);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public String hashArgon2idM19456T2P1() {
        return Password.hash("correct horse battery staple").addRandomSalt(16).with(argon2).getResult();
    }
}
