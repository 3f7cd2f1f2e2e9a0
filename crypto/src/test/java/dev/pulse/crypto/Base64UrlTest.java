package dev.pulse.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

    @Test
    void every_byte_string_survives_encoding_and_decoding() {
        Random random = new Random(42);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = Base64Url.encode(bytes);
            assertFalse(text.contains("="));
            assertArrayEquals(bytes, Base64Url.decode(text));
        }
    }

    @Test
    void the_url_safe_alphabet_is_used() {
        assertEquals("-_8", Base64Url.encode(new byte[] {(byte) 0xFB, (byte) 0xFF}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA==", "AAA=", "+/8", "-_8 ", " AA", "A", "AB", "AAB", "A A", "%%"})
    void anything_but_canonical_unpadded_base64url_is_rejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(text));
    }

    @Test
    void null_is_rejected_both_ways() {
        assertThrows(IllegalArgumentException.class, () -> Base64Url.decode(null));
        assertThrows(IllegalArgumentException.class, () -> Base64Url.encode(null));
    }
}
