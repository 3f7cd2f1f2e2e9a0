package dev.pulse.survey.ballot;

import dev.pulse.survey.config.PulseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The roster's name for a person: HMAC-SHA256(key, round id | subject). Keyed and per round, so the
 * roster of one round cannot be joined with another's, and the table alone does not name anybody.
 */
@ApplicationScoped
public class SubjectHasher {
    private final SecretKeySpec key;

    public SubjectHasher(PulseConfig config) {
        byte[] raw = Base64.getDecoder().decode(config.subjectHmacKey());
        if (raw.length < 32) {
            throw new IllegalStateException("pulse.subject-hmac-key must be at least 32 bytes (base64)");
        }
        this.key = new SecretKeySpec(raw, "HmacSHA256");
    }

    public byte[] hash(UUID roundId, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal((roundId + "|" + subject).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
