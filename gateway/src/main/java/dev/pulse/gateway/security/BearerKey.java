package dev.pulse.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import io.vertx.core.json.JsonObject;

/**
 * The rate-limit key of an identity-bearing request: the bearer token's subject, or the token
 * itself when it is not a readable JWT, always hashed so the limiter's memory holds no token or
 * user id. The subject is read without verifying the signature: it only picks a bucket, and a
 * forged token gains nothing beyond its own bucket since survey-service rejects it.
 */
public final class BearerKey {

    static final String NO_CREDENTIALS = "none";

    private BearerKey() {
    }

    public static String of(String authorizationHeader) {
        if (authorizationHeader == null) {
            return NO_CREDENTIALS;
        }
        String value = authorizationHeader.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return NO_CREDENTIALS;
        }
        String token = value.substring("bearer ".length()).trim();
        if (token.isEmpty()) {
            return NO_CREDENTIALS;
        }
        String subject = subject(token);
        return subject != null ? sha256("sub:" + subject) : sha256("token:" + token);
    }

    static String subject(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Object sub = new JsonObject(payload).getValue("sub");
            return sub instanceof String s && !s.isBlank() ? s : null;
        } catch (RuntimeException notAJwt) {
            return null;
        }
    }

    private static String sha256(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
