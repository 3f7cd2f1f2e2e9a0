package dev.pulse.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/** Generation, publication and identification of the per-(round, unit) signing keys. */
public final class RoundKeys {

    /** 22 base64url characters carry 132 bits: collision-free for any realistic number of keys. */
    static final int KEY_ID_LENGTH = 22;

    private RoundKeys() {
    }

    public static KeyPair generate(int bits) {
        if (bits < BlindRsa.MIN_MODULUS_BITS) {
            throw new IllegalArgumentException("round keys need at least " + BlindRsa.MIN_MODULUS_BITS + " bits, got " + bits);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is unavailable", e);
        }
    }

    public static String publicKeySpki(RSAPublicKey pk) {
        return Base64Url.encode(spki(pk));
    }

    /**
     * Accepts only the canonical SPKI encoding of a usable key, so a key has a single text form and
     * therefore a single key id.
     */
    public static RSAPublicKey parsePublicKeySpki(String b64url) {
        byte[] der = Base64Url.decode(b64url);
        PublicKey parsed;
        try {
            parsed = rsaKeyFactory().generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("not an RSA SubjectPublicKeyInfo", e);
        }
        if (!(parsed instanceof RSAPublicKey pk)) {
            throw new IllegalArgumentException("not an RSA public key");
        }
        if (!BlindRsa.isUsable(pk)) {
            throw new IllegalArgumentException("RSA public key is too small or malformed (need at least "
                    + BlindRsa.MIN_MODULUS_BITS + " bits)");
        }
        if (!Arrays.equals(spki(pk), der)) {
            throw new IllegalArgumentException("SubjectPublicKeyInfo is not in canonical DER form");
        }
        return pk;
    }

    public static String keyId(RSAPublicKey pk) {
        return Base64Url.encode(sha256(spki(pk))).substring(0, KEY_ID_LENGTH);
    }

    /** Re-encodes through the JDK so keys from other providers still get the same bytes and id. */
    private static byte[] spki(RSAPublicKey pk) {
        if (pk == null || pk.getModulus() == null || pk.getPublicExponent() == null) {
            throw new IllegalArgumentException("public key must not be null");
        }
        try {
            return rsaKeyFactory().generatePublic(new RSAPublicKeySpec(pk.getModulus(), pk.getPublicExponent())).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("public key cannot be encoded as RSA SPKI", e);
        }
    }

    private static KeyFactory rsaKeyFactory() {
        try {
            return KeyFactory.getInstance("RSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is mandatory in every Java runtime", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every Java runtime", e);
        }
    }
}
