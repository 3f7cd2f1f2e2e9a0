package dev.pulse.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BearerKeyTest {

    private static String jwt(String payload) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void two_tokens_of_one_subject_share_a_key() {
        assertEquals(BearerKey.of("Bearer " + jwt("{\"sub\":\"alice\",\"jti\":\"1\"}")),
                BearerKey.of("Bearer " + jwt("{\"sub\":\"alice\",\"jti\":\"2\"}")));
        assertNotEquals(BearerKey.of("Bearer " + jwt("{\"sub\":\"alice\"}")),
                BearerKey.of("Bearer " + jwt("{\"sub\":\"bob\"}")));
    }

    @Test
    void the_key_holds_neither_the_subject_nor_the_token() {
        String token = jwt("{\"sub\":\"alice\"}");
        String key = BearerKey.of("Bearer " + token);
        assertFalse(key.contains("alice"));
        assertFalse(BearerKey.of("Bearer opaque-token").contains("opaque"));
    }

    @Test
    void requests_without_a_bearer_token_share_one_key() {
        assertEquals(BearerKey.NO_CREDENTIALS, BearerKey.of(null));
        assertEquals(BearerKey.NO_CREDENTIALS, BearerKey.of("Basic dXNlcjpwdw=="));
        assertEquals(BearerKey.NO_CREDENTIALS, BearerKey.of("Bearer "));
    }
}
