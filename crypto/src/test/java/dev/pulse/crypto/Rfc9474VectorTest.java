package dev.pulse.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.crypto.Rfc9474Vectors.ReplayRandom;
import dev.pulse.crypto.Rfc9474Vectors.Vector;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RFC 9474 Appendix A known answers, byte for byte. */
class Rfc9474VectorTest {

    private static final RSAPublicKey PK = Rfc9474Vectors.publicKey();
    private static final RSAPrivateCrtKey SK = Rfc9474Vectors.privateKey();

    static List<Vector> vectors() {
        return Rfc9474Vectors.signingVectors();
    }

    @Test
    void the_vector_file_holds_the_randomized_and_the_deterministic_pss_vectors() {
        assertEquals(List.of("RSABSSA-SHA384-PSS-Randomized", "RSABSSA-SHA384-PSS-Deterministic"),
                vectors().stream().map(Vector::name).toList());
    }

    @Test
    void the_vector_key_was_copied_intact() {
        BigInteger p = Rfc9474Vectors.integer("p");
        BigInteger q = Rfc9474Vectors.integer("q");
        BigInteger e = Rfc9474Vectors.integer("e");
        BigInteger d = Rfc9474Vectors.integer("d");
        assertEquals(Rfc9474Vectors.integer("n"), p.multiply(q));
        BigInteger pm1 = p.subtract(BigInteger.ONE);
        BigInteger qm1 = q.subtract(BigInteger.ONE);
        // The RFC's d is the inverse modulo Carmichael's lambda(n) = lcm(p-1, q-1).
        BigInteger lambda = pm1.multiply(qm1).divide(pm1.gcd(qm1));
        assertEquals(BigInteger.ONE, e.multiply(d).mod(lambda));
        assertEquals(4096, PK.getModulus().bitLength());
    }

    @Test
    void randomized_prepare_puts_the_32_random_bytes_in_front_of_the_message() {
        Vector v = Rfc9474Vectors.ALL.get("RSABSSA-SHA384-PSS-Randomized");
        byte[] prepared = BlindRsa.prepare(v.bytes("msg"), new ReplayRandom(v.bytes("msg_prefix")));
        assertArrayEquals(v.bytes("input_msg"), prepared);
    }

    @Test
    void the_deterministic_vector_encodes_the_message_exactly_as_the_rfc() {
        Vector v = Rfc9474Vectors.ALL.get("RSABSSA-SHA384-PSS-Deterministic");
        assertArrayEquals(v.bytes("encoded_msg"), BlindRsa.encode(PK, v.bytes("input_msg"), v.bytes("salt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void blinding_with_the_vectors_salt_and_inv_gives_the_rfc_blinded_message(Vector v) {
        Blinding blinding = BlindRsa.blind(PK, v.bytes("input_msg"), v.bytes("salt"), v.bytes("inv"));
        assertArrayEquals(v.bytes("blinded_msg"), blinding.blindedMsg());
        assertArrayEquals(v.bytes("inv"), blinding.inv());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void the_public_blind_replays_the_same_answer_when_fed_the_vectors_randomness(Vector v) {
        BigInteger r = new BigInteger(1, v.bytes("inv")).modInverse(PK.getModulus());
        byte[] rBytes = BlindRsa.i2osp(r, 512);
        byte[] salt = v.bytes("salt");
        // blind() draws the salt first, then r as a 4096-bit integer.
        byte[] stream = new byte[salt.length + rBytes.length];
        System.arraycopy(salt, 0, stream, 0, salt.length);
        System.arraycopy(rBytes, 0, stream, salt.length, rBytes.length);
        Blinding blinding = BlindRsa.blind(PK, v.bytes("input_msg"), new SequenceRandom(stream));
        assertArrayEquals(v.bytes("blinded_msg"), blinding.blindedMsg());
        assertArrayEquals(v.bytes("inv"), blinding.inv());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void blind_signing_gives_the_rfc_blind_signature(Vector v) {
        assertArrayEquals(v.bytes("blind_sig"), BlindRsa.blindSign(SK, PK, v.bytes("blinded_msg")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void finalizing_gives_the_rfc_signature(Vector v) {
        byte[] sig = BlindRsa.finalizeSignature(PK, v.bytes("input_msg"), v.bytes("blind_sig"), v.bytes("inv"));
        assertArrayEquals(v.bytes("sig"), sig);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void the_rfc_signature_verifies_and_a_corrupted_copy_does_not(Vector v) {
        assertTrue(BlindRsa.verify(PK, v.bytes("input_msg"), v.bytes("sig")));

        byte[] corruptedSig = v.bytes("sig");
        corruptedSig[corruptedSig.length / 2] ^= 0x01;
        assertFalse(BlindRsa.verify(PK, v.bytes("input_msg"), corruptedSig));

        byte[] otherMsg = v.bytes("input_msg");
        otherMsg[otherMsg.length - 1] ^= 0x01;
        assertFalse(BlindRsa.verify(PK, otherMsg, v.bytes("sig")));
    }

    /** Hands out consecutive slices of one byte stream, whatever sizes are asked for. */
    private static final class SequenceRandom extends SecureRandom {

        private final byte[] stream;
        private int position;

        SequenceRandom(byte[] stream) {
            this.stream = stream;
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(stream, position, out, 0, out.length);
            position += out.length;
        }
    }
}
