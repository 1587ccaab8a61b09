package dev.usermanagement.sessions.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How a session remembers its refresh token: SHA-256 of the token's random jti, hex-encoded. */
public final class TokenDigest {

    private TokenDigest() {
    }

    public static String of(String jti) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(jti).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
