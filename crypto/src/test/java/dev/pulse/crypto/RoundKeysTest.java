package dev.pulse.crypto;

import static dev.pulse.crypto.TestKeys.ROUND_A;
import static dev.pulse.crypto.TestKeys.ROUND_B;
import static dev.pulse.crypto.TestKeys.pk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoundKeysTest {

    @Test
    void generated_round_keys_are_2048_bit_rsa_with_exponent_65537() {
        RSAPublicKey pk = pk(ROUND_A);
        assertEquals(2048, pk.getModulus().bitLength());
        assertEquals(BigInteger.valueOf(65537), pk.getPublicExponent());
        assertEquals("RSA", ROUND_A.getPrivate().getAlgorithm());
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1024, 2047})
    void keys_smaller_than_2048_bits_are_never_generated(int bits) {
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.generate(bits));
    }

    @Test
    void the_published_spki_is_javas_own_encoding_in_base64url() {
        String spki = RoundKeys.publicKeySpki(pk(ROUND_A));
        assertArrayEquals(pk(ROUND_A).getEncoded(), Base64Url.decode(spki));
        assertTrue(spki.matches("[A-Za-z0-9_-]+"));
    }

    @Test
    void a_published_key_parses_back_to_the_same_key() {
        RSAPublicKey parsed = RoundKeys.parsePublicKeySpki(RoundKeys.publicKeySpki(pk(ROUND_A)));
        assertEquals(pk(ROUND_A).getModulus(), parsed.getModulus());
        assertEquals(pk(ROUND_A).getPublicExponent(), parsed.getPublicExponent());
    }

    @Test
    void the_key_id_is_the_truncated_sha256_of_the_spki() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pk(ROUND_A).getEncoded());
        assertEquals(Base64Url.encode(digest).substring(0, 22), RoundKeys.keyId(pk(ROUND_A)));
    }

    @Test
    void the_key_id_is_stable_across_publication_and_parsing() {
        String id = RoundKeys.keyId(pk(ROUND_A));
        assertEquals(22, id.length());
        assertEquals(id, RoundKeys.keyId(pk(ROUND_A)));
        assertEquals(id, RoundKeys.keyId(RoundKeys.parsePublicKeySpki(RoundKeys.publicKeySpki(pk(ROUND_A)))));
    }

    @Test
    void the_key_id_of_a_fixed_key_never_changes_between_releases() {
        // Expected value computed outside Java (hand-built DER SPKI + SHA-256 in Python) for the RFC 9474
        // vector key; a changed id would orphan every key list and token already published.
        assertEquals("_0KLoFBFVzIJCI-1sojrpT", RoundKeys.keyId(Rfc9474Vectors.publicKey()));
    }

    @Test
    void different_round_keys_have_different_key_ids() {
        assertNotEquals(RoundKeys.keyId(pk(ROUND_A)), RoundKeys.keyId(pk(ROUND_B)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "AAAA", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA", "not base64 at all"})
    void garbage_is_not_a_public_key(String text) {
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.parsePublicKeySpki(text));
    }

    @Test
    void a_missing_public_key_text_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.parsePublicKeySpki(null));
    }

    @Test
    void a_published_key_with_trailing_bytes_is_refused() {
        byte[] der = pk(ROUND_A).getEncoded();
        String padded = Base64Url.encode(Arrays.copyOf(der, der.length + 1));
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.parsePublicKeySpki(padded));
    }

    @Test
    void a_1024_bit_key_is_refused_even_if_well_formed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String weak = Base64Url.encode(generator.generateKeyPair().getPublic().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.parsePublicKeySpki(weak));
    }

    @Test
    void a_non_rsa_key_is_refused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String ec = Base64Url.encode(generator.generateKeyPair().getPublic().getEncoded());
        assertThrows(IllegalArgumentException.class, () -> RoundKeys.parsePublicKeySpki(ec));
    }
}
