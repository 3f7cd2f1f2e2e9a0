package dev.pulse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts round private keys at rest with AES-256-GCM. The associated data names the round/unit
 * the key belongs to, so a database operator cannot swap sealed keys between rows: the moved key
 * fails to open instead of silently signing for the wrong unit.
 *
 * <p>Layout: version (1 byte) || nonce (12 bytes) || ciphertext || tag (16 bytes).
 */
public final class KeySealer {

    private static final byte VERSION = 1;
    private static final int KEY_LEN = 32;
    private static final int NONCE_LEN = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_LEN = 1 + NONCE_LEN;
    /** Keeps sealed keys from being replayed as some other GCM message under the same master key. */
    private static final String AAD_DOMAIN = "pulse/key-sealer/v1\u0000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    public KeySealer(byte[] aes256Key) {
        if (aes256Key == null || aes256Key.length != KEY_LEN) {
            throw new IllegalArgumentException("sealing key must be exactly " + KEY_LEN + " bytes (AES-256)");
        }
        this.key = new SecretKeySpec(aes256Key, "AES");
    }

    public byte[] seal(RSAPrivateCrtKey sk, String associatedData) {
        byte[] aad = aad(associatedData);
        byte[] plain = pkcs8(sk);
        try {
            byte[] nonce = new byte[NONCE_LEN];
            RANDOM.nextBytes(nonce);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, aad);
            byte[] sealed = new byte[HEADER_LEN + cipher.getOutputSize(plain.length)];
            sealed[0] = VERSION;
            System.arraycopy(nonce, 0, sealed, 1, NONCE_LEN);
            cipher.doFinal(plain, 0, plain.length, sealed, HEADER_LEN);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM sealing failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * @throws IllegalArgumentException if the bytes were altered, were sealed under another sealing
     *     key, or were sealed for another round/unit than {@code associatedData}
     */
    public RSAPrivateCrtKey open(byte[] sealed, String associatedData) {
        byte[] aad = aad(associatedData);
        if (sealed == null || sealed.length < HEADER_LEN + TAG_BITS / 8 + 1) {
            throw new IllegalArgumentException("sealed key is too short");
        }
        if (sealed[0] != VERSION) {
            throw new IllegalArgumentException("unknown sealed key version " + sealed[0]);
        }
        byte[] plain;
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, HEADER_LEN), aad);
            plain = cipher.doFinal(sealed, HEADER_LEN, sealed.length - HEADER_LEN);
        } catch (AEADBadTagException e) {
            throw new IllegalArgumentException("sealed key failed authentication (tampered, wrong sealing key or wrong associated data)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM opening failed", e);
        }
        try {
            return parsePkcs8(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad);
        return cipher;
    }

    private static byte[] aad(String associatedData) {
        if (associatedData == null || associatedData.isEmpty()) {
            throw new IllegalArgumentException("associated data (the key's round/unit id) must not be empty");
        }
        return (AAD_DOMAIN + associatedData).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] pkcs8(RSAPrivateCrtKey sk) {
        if (sk == null) {
            throw new IllegalArgumentException("private key must not be null");
        }
        byte[] encoded = sk.getEncoded();
        if (encoded == null || !"PKCS#8".equals(sk.getFormat())) {
            throw new IllegalArgumentException("private key is not exportable as PKCS#8");
        }
        return encoded;
    }

    private static RSAPrivateCrtKey parsePkcs8(byte[] der) {
        PrivateKey parsed;
        try {
            parsed = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("sealed payload is not an RSA PKCS#8 key", e);
        }
        if (!(parsed instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("sealed key has no CRT parameters");
        }
        return crt;
    }
}
