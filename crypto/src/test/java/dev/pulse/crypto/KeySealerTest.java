package dev.pulse.crypto;

import static dev.pulse.crypto.TestKeys.ROUND_A;
import static dev.pulse.crypto.TestKeys.ROUND_B;
import static dev.pulse.crypto.TestKeys.sk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySealerTest {

    private static final String UNIT_A = "round:7f3e/unit:sales";
    private static final KeySealer SEALER = new KeySealer(randomKey());

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void a_sealed_key_opens_to_the_same_key_under_the_same_round_and_unit() {
        RSAPrivateCrtKey opened = SEALER.open(SEALER.seal(sk(ROUND_A), UNIT_A), UNIT_A);
        assertEquals(sk(ROUND_A), opened);
        assertArrayEquals(sk(ROUND_A).getEncoded(), opened.getEncoded());
    }

    @Test
    void a_sealed_key_moved_to_another_round_or_unit_does_not_open() {
        byte[] sealed = SEALER.seal(sk(ROUND_A), UNIT_A);
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(sealed, "round:7f3e/unit:hr"));
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(sealed, UNIT_A + " "));
    }

    @Test
    void any_flipped_bit_in_a_sealed_key_is_detected() {
        byte[] sealed = SEALER.seal(sk(ROUND_B), UNIT_A);
        for (int bit = 0; bit < sealed.length * 8; bit += 61) {
            byte[] tampered = sealed.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(IllegalArgumentException.class, () -> SEALER.open(tampered, UNIT_A), "bit " + bit);
        }
    }

    @Test
    void a_truncated_or_extended_sealed_key_is_rejected() {
        byte[] sealed = SEALER.seal(sk(ROUND_A), UNIT_A);
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(Arrays.copyOf(sealed, sealed.length - 1), UNIT_A));
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(Arrays.copyOf(sealed, sealed.length + 1), UNIT_A));
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(new byte[10], UNIT_A));
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(null, UNIT_A));
    }

    @Test
    void a_sealed_key_does_not_open_under_another_sealing_key() {
        byte[] sealed = SEALER.seal(sk(ROUND_A), UNIT_A);
        assertThrows(IllegalArgumentException.class, () -> new KeySealer(randomKey()).open(sealed, UNIT_A));
    }

    @Test
    void sealing_the_same_key_twice_uses_a_fresh_nonce() {
        byte[] one = SEALER.seal(sk(ROUND_A), UNIT_A);
        byte[] two = SEALER.seal(sk(ROUND_A), UNIT_A);
        assertFalse(Arrays.equals(Arrays.copyOfRange(one, 1, 13), Arrays.copyOfRange(two, 1, 13)));
        assertFalse(Arrays.equals(one, two));
    }

    @Test
    void a_key_cannot_be_sealed_or_opened_without_naming_its_round_and_unit() {
        assertThrows(IllegalArgumentException.class, () -> SEALER.seal(sk(ROUND_A), ""));
        assertThrows(IllegalArgumentException.class, () -> SEALER.seal(sk(ROUND_A), null));
        byte[] sealed = SEALER.seal(sk(ROUND_A), UNIT_A);
        assertThrows(IllegalArgumentException.class, () -> SEALER.open(sealed, null));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 16, 24, 31, 33, 64})
    void the_sealing_key_must_be_exactly_32_bytes(int length) {
        assertThrows(IllegalArgumentException.class, () -> new KeySealer(new byte[length]));
    }

    @Test
    void a_missing_sealing_key_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new KeySealer(null));
    }
}
