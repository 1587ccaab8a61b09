package dev.usermanagement.it;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens an attacker could make, and some only a thief of the signing keys could (to prove that claims are
 * checked too, not only signatures). Built from a genuine token of the service so only one thing differs.
 */
final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final RSAKey serviceKey;
    /** The refresh-token secret, which no one but the service (and a thief of its keys) has. */
    private final OctetSequenceKey refreshSecret;

    /** From a deployment made with Deployments.withStolenKeys. */
    ForgedTokens(Api service) throws Exception {
        JWKSet ring = JWKSet.parse(service.get("/it/stolen-keys").body());
        serviceKey = signingNow(ring, JWSAlgorithm.RS256).toRSAKey();
        refreshSecret = signingNow(ring, JWSAlgorithm.HS512).toOctetSequenceKey();
    }

    /** The key signing now: keys rotate during SecurityIT. */
    private static JWK signingNow(JWKSet ring, JWSAlgorithm algorithm) {
        return ring.getKeys().stream()
                .filter(key -> algorithm.equals(key.getAlgorithm()))
                .filter(key -> key.getNotBeforeTime() == null || key.getNotBeforeTime().before(new java.util.Date()))
                .findFirst().orElseThrow();
    }

    /** Each attack on a genuine token, by name, for reporting which one got through. */
    Map<String, String> attacksOn(String genuine, String otherGenuine) throws Exception {
        SignedJWT jwt = SignedJWT.parse(genuine);
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        String[] parts = genuine.split("\\.");
        String publicJwks = new JWKSet(serviceKey.toPublicJWK()).toString();
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("garbage", "not-a-token");
        attacks.put("two segments", parts[0] + "." + parts[1]);
        attacks.put("four segments", genuine + ".AAAA");
        attacks.put("stripped signature", parts[0] + "." + parts[1] + ".");
        attacks.put("swapped signature", parts[0] + "." + parts[1] + "." + otherGenuine.split("\\.")[2]);
        attacks.put("tampered payload", parts[0] + "." + json(new JWTClaimsSet.Builder(claims).subject("someone-else").build().toString()) + "." + parts[2]);
        for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
            attacks.put("alg " + none, json("{\"alg\":\"" + none + "\",\"typ\":\"JWT\",\"kid\":\"" + serviceKey.getKeyID() + "\"}")
                    + "." + parts[1] + ".");
        }
        attacks.put("HS256 with an empty key", hmac(parts, new byte[64]));
        attacks.put("HS256 with a weak key", hmac(parts, "secret".getBytes(StandardCharsets.UTF_8)));
        attacks.put("HS256 keyed with the published JWK Set", hmac(parts, publicJwks.getBytes(StandardCharsets.UTF_8)));
        attacks.put("HS256 keyed with the public key", hmac(parts, serviceKey.toPublicKey().getEncoded()));
        attacks.put("HS512 keyed with the published JWK Set", hmac512(claims, publicJwks.getBytes(StandardCharsets.UTF_8)));
        attacks.put("HS512 keyed with the public key", hmac512(claims, padded(serviceKey.toPublicKey().getEncoded())));
        attacks.put("HS512 with a guessed 512-bit key", hmac512(claims, new byte[64]));
        if ("refresh".equals(claims.getClaim("token_type"))) {
            attacks.put("RS256 with the service's own key pair", signedWithTheKeyPair(claims));
        }
        attacks.put("expired", signed(claims, b -> b.expirationTime(new java.util.Date(System.currentTimeMillis() - 1000))));
        attacks.put("not yet valid (nbf)", signed(claims, b -> b.notBeforeTime(new java.util.Date(System.currentTimeMillis() + 3_600_000))));
        attacks.put("wrong iss", signed(claims, b -> b.issuer("https://evil.example")));
        attacks.put("wrong aud", signed(claims, b -> b.audience("another-service")));
        attacks.put("unknown kid", signedAs(claims, b -> b, "no-such-key"));
        attacks.put("other kind (token_type swapped)", signed(claims, b -> b.claim("token_type",
                "access".equals(claims.getClaim("token_type")) ? "refresh" : "access")));
        return attacks;
    }

    /**
     * Claims changed and signed as the service signs that kind (RS256 for access, the HS512 secret for
     * refresh), as only a thief of the key file could: each claim check alone must refuse it.
     */
    String signed(JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        boolean refresh = "refresh".equals(claims.getClaim("token_type"));
        return refresh ? signedAs(claims, change, refreshSecret.getKeyID(), JWSAlgorithm.HS512)
                : signedAs(claims, change, serviceKey.getKeyID(), JWSAlgorithm.RS256);
    }

    /** A refresh token as the service made them before they were signed with a secret: RS256 with its key pair. */
    String signedWithTheKeyPair(JWTClaimsSet claims) throws Exception {
        return signedAs(claims, b -> b, serviceKey.getKeyID(), JWSAlgorithm.RS256);
    }

    private String signedAs(JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change, String kid) throws Exception {
        return signedAs(claims, change, kid, "refresh".equals(claims.getClaim("token_type")) ? JWSAlgorithm.HS512 : JWSAlgorithm.RS256);
    }

    private String signedAs(JWTClaimsSet claims, UnaryOperator<JWTClaimsSet.Builder> change, String kid, JWSAlgorithm algorithm)
            throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(kid).build(),
                change.apply(new JWTClaimsSet.Builder(claims)).build());
        JWSSigner signer = JWSAlgorithm.HS512.equals(algorithm) ? new MACSigner(refreshSecret) : new RSASSASigner(serviceKey);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** HS512 with the secret's kid and a key an attacker could know or guess. */
    private String hmac512(JWTClaimsSet claims, byte[] key) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS512).type(JOSEObjectType.JWT).keyID(refreshSecret.getKeyID()).build(), claims);
        jwt.sign(new MACSigner(key));
        return jwt.serialize();
    }

    private static byte[] padded(byte[] key) {
        return key.length >= 64 ? key : java.util.Arrays.copyOf(key, 64);
    }

    private String hmac(String[] parts, byte[] key) throws Exception {
        String header = json("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + serviceKey.getKeyID() + "\"}");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signature = mac.doFinal((header + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return header + "." + parts[1] + "." + B64.encodeToString(signature);
    }

    private static String json(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
