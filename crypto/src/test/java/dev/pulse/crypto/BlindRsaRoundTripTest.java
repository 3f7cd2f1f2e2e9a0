package dev.pulse.crypto;

import static dev.pulse.crypto.TestKeys.ROUND_A;
import static dev.pulse.crypto.TestKeys.ROUND_B;
import static dev.pulse.crypto.TestKeys.pk;
import static dev.pulse.crypto.TestKeys.sk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BlindRsaRoundTripTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a client ends up holding after one issuance. */
    private record Token(byte[] preparedMsg, byte[] sig) {
    }

    private static Token issue(RSAPrivateCrtKey signerSk, RSAPublicKey signerPk, RSAPublicKey clientPk) {
        byte[] prepared = BlindRsa.prepare(randomBytes(32), RANDOM);
        Blinding blinding = BlindRsa.blind(clientPk, prepared, RANDOM);
        byte[] blindSig = BlindRsa.blindSign(signerSk, signerPk, blinding.blindedMsg());
        return new Token(prepared, BlindRsa.finalizeSignature(clientPk, prepared, blindSig, blinding.inv()));
    }

    private static Token issueWithA() {
        return issue(sk(ROUND_A), pk(ROUND_A), pk(ROUND_A));
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] flipBit(byte[] in, int bit) {
        byte[] out = in.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }

    @RepeatedTest(5)
    void a_finalized_signature_verifies_under_the_round_key() {
        Token token = issueWithA();
        assertEquals(256, token.sig().length);
        assertTrue(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), token.sig()));
    }

    @Test
    void prepare_puts_32_fresh_random_bytes_in_front_of_the_message() {
        byte[] msg = "ballot".getBytes(StandardCharsets.UTF_8);
        byte[] first = BlindRsa.prepare(msg, RANDOM);
        byte[] second = BlindRsa.prepare(msg, RANDOM);
        assertEquals(32 + msg.length, first.length);
        assertArrayEquals(msg, Arrays.copyOfRange(first, 32, first.length));
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void the_signer_sees_a_different_blinded_message_each_time_even_for_the_same_prepared_message() {
        byte[] prepared = BlindRsa.prepare(randomBytes(16), RANDOM);
        Blinding one = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        Blinding two = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        assertFalse(Arrays.equals(one.blindedMsg(), two.blindedMsg()));
        assertFalse(Arrays.equals(one.inv(), two.inv()));
    }

    @Test
    void any_flipped_bit_in_the_message_makes_the_signature_invalid() {
        Token token = issueWithA();
        for (int bit = 0; bit < token.preparedMsg().length * 8; bit += 7) {
            assertFalse(BlindRsa.verify(pk(ROUND_A), flipBit(token.preparedMsg(), bit), token.sig()), "bit " + bit);
        }
    }

    @Test
    void any_flipped_bit_in_the_signature_makes_it_invalid() {
        Token token = issueWithA();
        for (int bit = 0; bit < token.sig().length * 8; bit += 13) {
            assertFalse(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), flipBit(token.sig(), bit)), "bit " + bit);
        }
    }

    @Test
    void a_signature_made_with_another_rounds_key_does_not_verify() {
        Token token = issue(sk(ROUND_B), pk(ROUND_B), pk(ROUND_B));
        assertTrue(BlindRsa.verify(pk(ROUND_B), token.preparedMsg(), token.sig()));
        assertFalse(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), token.sig()));
    }

    @Test
    void a_client_detects_a_server_that_signs_with_a_different_key_than_the_published_one() {
        byte[] prepared = BlindRsa.prepare(randomBytes(32), RANDOM);
        Blinding blinding = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        // The other key only signs inputs below its own modulus: re-blind (bounded) until it accepts one.
        for (int i = 0; i < 64 && new java.math.BigInteger(1, blinding.blindedMsg()).compareTo(pk(ROUND_B).getModulus()) >= 0; i++) {
            blinding = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        }
        Blinding used = blinding;
        byte[] blindSig = BlindRsa.blindSign(sk(ROUND_B), pk(ROUND_B), used.blindedMsg());
        assertThrows(InvalidSignatureException.class,
                () -> BlindRsa.finalizeSignature(pk(ROUND_A), prepared, blindSig, used.inv()));
    }

    @Test
    void finalizing_with_the_wrong_inv_fails_instead_of_returning_a_bogus_signature() {
        byte[] prepared = BlindRsa.prepare(randomBytes(32), RANDOM);
        Blinding blinding = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        Blinding other = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        byte[] blindSig = BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), blinding.blindedMsg());
        assertThrows(InvalidSignatureException.class,
                () -> BlindRsa.finalizeSignature(pk(ROUND_A), prepared, blindSig, other.inv()));
    }

    @Test
    void a_signature_of_the_wrong_length_is_simply_not_valid() {
        Token token = issueWithA();
        byte[] sig = token.sig();
        byte[] prepared = token.preparedMsg();
        byte[] withLeadingZero = new byte[sig.length + 1];
        System.arraycopy(sig, 0, withLeadingZero, 1, sig.length);

        assertFalse(BlindRsa.verify(pk(ROUND_A), prepared, withLeadingZero));
        assertFalse(BlindRsa.verify(pk(ROUND_A), prepared, Arrays.copyOf(sig, sig.length - 1)));
        assertFalse(BlindRsa.verify(pk(ROUND_A), prepared, new byte[0]));
    }

    @Test
    void a_signature_not_below_the_modulus_is_not_valid() {
        Token token = issueWithA();
        BigInteger n = pk(ROUND_A).getModulus();
        assertFalse(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), BlindRsa.i2osp(n, 256)));
        assertFalse(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), filled(256, 0xFF)));
    }

    @Test
    void verify_never_throws_on_missing_input() {
        Token token = issueWithA();
        assertDoesNotThrow(() -> {
            assertFalse(BlindRsa.verify(null, token.preparedMsg(), token.sig()));
            assertFalse(BlindRsa.verify(pk(ROUND_A), null, token.sig()));
            assertFalse(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), null));
        });
    }

    @Test
    void finalize_rejects_a_blind_signature_or_inv_of_the_wrong_length_with_a_clear_message() {
        byte[] prepared = BlindRsa.prepare(randomBytes(32), RANDOM);
        Blinding blinding = BlindRsa.blind(pk(ROUND_A), prepared, RANDOM);
        byte[] blindSig = BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), blinding.blindedMsg());

        var shortSig = assertThrows(IllegalArgumentException.class, () -> BlindRsa.finalizeSignature(
                pk(ROUND_A), prepared, Arrays.copyOf(blindSig, 255), blinding.inv()));
        assertEquals("blind signature must be 256 bytes, got 255", shortSig.getMessage());
        var longInv = assertThrows(IllegalArgumentException.class, () -> BlindRsa.finalizeSignature(
                pk(ROUND_A), prepared, blindSig, Arrays.copyOf(blinding.inv(), 257)));
        assertEquals("inv must be 256 bytes, got 257", longInv.getMessage());
        // A blind signature at or above the modulus can only come from a server using another key.
        assertThrows(InvalidSignatureException.class, () -> BlindRsa.finalizeSignature(
                pk(ROUND_A), prepared, filled(256, 0xFF), blinding.inv()));
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.finalizeSignature(
                pk(ROUND_A), prepared, blindSig, new byte[256]));
    }

    @Test
    void blind_sign_refuses_a_blinded_message_not_below_the_modulus() {
        byte[] n = BlindRsa.i2osp(pk(ROUND_A).getModulus(), 256);
        var e = assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), n));
        assertEquals("blinded message is not smaller than the modulus", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), filled(256, 0xFF)));
    }

    @Test
    void blind_sign_refuses_a_blinded_message_of_the_wrong_length() {
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), new byte[255]));
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), new byte[257]));
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), null));
    }

    @Test
    void blind_sign_refuses_a_zero_blinded_message() {
        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_A), pk(ROUND_A), new byte[256]));
    }

    @Test
    void blind_sign_refuses_a_private_key_that_belongs_to_another_round() {
        byte[] blinded = BlindRsa.blind(pk(ROUND_A), BlindRsa.prepare(randomBytes(8), RANDOM), RANDOM).blindedMsg();
        var e = assertThrows(IllegalArgumentException.class, () -> BlindRsa.blindSign(sk(ROUND_B), pk(ROUND_A), blinded));
        assertEquals("private key does not belong to the given public key", e.getMessage());
    }

    @Test
    void a_private_key_with_a_corrupted_crt_parameter_never_yields_a_signature() throws Exception {
        RSAPrivateCrtKey good = sk(ROUND_A);
        RSAPrivateCrtKey faulty = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                good.getModulus(), good.getPublicExponent(), good.getPrivateExponent(), good.getPrimeP(), good.getPrimeQ(),
                good.getPrimeExponentP().add(BigInteger.TWO), good.getPrimeExponentQ(), good.getCrtCoefficient()));
        byte[] blinded = BlindRsa.blind(pk(ROUND_A), BlindRsa.prepare(randomBytes(8), RANDOM), RANDOM).blindedMsg();
        assertThrows(IllegalStateException.class, () -> BlindRsa.blindSign(faulty, pk(ROUND_A), blinded));
    }

    @Test
    void keys_below_2048_bits_are_refused_for_blinding_and_signing_and_never_verify() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        var weak = generator.generateKeyPair();
        RSAPublicKey weakPk = (RSAPublicKey) weak.getPublic();
        byte[] prepared = BlindRsa.prepare(randomBytes(8), RANDOM);

        assertThrows(IllegalArgumentException.class, () -> BlindRsa.blind(weakPk, prepared, RANDOM));
        assertThrows(IllegalArgumentException.class,
                () -> BlindRsa.blindSign((RSAPrivateCrtKey) weak.getPrivate(), weakPk, new byte[128]));
        assertFalse(BlindRsa.verify(weakPk, prepared, new byte[128]));
    }

    @Test
    void signing_from_many_threads_at_once_yields_only_valid_signatures() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Token>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(BlindRsaRoundTripTest::issueWithA));
            }
            for (Future<Token> f : futures) {
                Token token = f.get();
                assertTrue(BlindRsa.verify(pk(ROUND_A), token.preparedMsg(), token.sig()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
