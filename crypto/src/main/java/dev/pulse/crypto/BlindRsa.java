package dev.pulse.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * RFC 9474 RSABSSA-SHA384-PSS-Randomized: the client prepares and blinds, the round key signs
 * without seeing the message, the client finalizes, anyone verifies.
 *
 * <p>Written on BigInteger because {@code java.security.Signature} has no way to sign a value it
 * did not encode itself. All methods are static and stateless apart from the signer's blinding
 * cache, so they are safe to call from any thread.
 */
public final class BlindRsa {

    public static final int MIN_MODULUS_BITS = 2048;

    static final int PREFIX_LEN = 32;
    static final int SALT_LEN = Pss.HASH_LEN;

    private BlindRsa() {
    }

    /** Randomized Prepare: 32 fresh bytes in front of msg, so the signed value never repeats. */
    public static byte[] prepare(byte[] msg, SecureRandom rnd) {
        requireNonNull(rnd, "rnd");
        byte[] prefix = new byte[PREFIX_LEN];
        rnd.nextBytes(prefix);
        return prepare(msg, prefix);
    }

    static byte[] prepare(byte[] msg, byte[] prefix) {
        requireNonNull(msg, "msg");
        requireLength(prefix, PREFIX_LEN, "message prefix");
        byte[] prepared = new byte[prefix.length + msg.length];
        System.arraycopy(prefix, 0, prepared, 0, prefix.length);
        System.arraycopy(msg, 0, prepared, prefix.length, msg.length);
        return prepared;
    }

    public static Blinding blind(RSAPublicKey pk, byte[] preparedMsg, SecureRandom rnd) {
        requireNonNull(rnd, "rnd");
        BigInteger n = usableModulus(pk);
        byte[] salt = new byte[SALT_LEN];
        rnd.nextBytes(salt);
        BigInteger r = CrtSigner.randomUnit(n, rnd);
        return blind(pk, preparedMsg, salt, r, r.modInverse(n));
    }

    /** Deterministic Blind for known-answer tests: the caller supplies the salt and inv = r^-1 mod n. */
    static Blinding blind(RSAPublicKey pk, byte[] preparedMsg, byte[] salt, byte[] inv) {
        BigInteger n = usableModulus(pk);
        requireLength(inv, modulusLength(n), "inv");
        BigInteger invValue = os2ip(inv);
        if (invValue.signum() == 0 || invValue.compareTo(n) >= 0 || !invValue.gcd(n).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("inv must be a unit modulo n");
        }
        return blind(pk, preparedMsg, salt, invValue.modInverse(n), invValue);
    }

    private static Blinding blind(RSAPublicKey pk, byte[] preparedMsg, byte[] salt, BigInteger r, BigInteger inv) {
        requireNonNull(preparedMsg, "preparedMsg");
        requireLength(salt, SALT_LEN, "salt");
        BigInteger n = pk.getModulus();
        BigInteger m = os2ip(Pss.encode(preparedMsg, salt, n.bitLength() - 1));
        // RFC 9474 4.2: a representative sharing a factor with n would leak that factor on unblinding.
        if (!m.gcd(n).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("encoded message is not coprime with the modulus");
        }
        BigInteger z = m.multiply(r.modPow(pk.getPublicExponent(), n)).mod(n);
        int k = modulusLength(n);
        return new Blinding(i2osp(z, k), i2osp(inv, k));
    }

    /**
     * BlindSign with the CRT parameters. The result is checked against the public key before it is
     * returned (RFC 9474 4.3): a faulty CRT half would otherwise hand out a value that factors n.
     */
    public static byte[] blindSign(RSAPrivateCrtKey sk, RSAPublicKey pk, byte[] blindedMsg) {
        BigInteger n = usableModulus(pk);
        requireMatchingPair(sk, pk);
        int k = modulusLength(n);
        requireLength(blindedMsg, k, "blinded message");
        BigInteger m = os2ip(blindedMsg);
        if (m.compareTo(n) >= 0) {
            throw new IllegalArgumentException("blinded message is not smaller than the modulus");
        }
        if (m.signum() == 0) {
            throw new IllegalArgumentException("blinded message is zero");
        }
        BigInteger e = pk.getPublicExponent();
        BigInteger s = CrtSigner.sign(sk, e, m);
        if (!s.modPow(e, n).equals(m)) {
            throw new IllegalStateException("RSA signing fault detected; signature withheld");
        }
        return i2osp(s, k);
    }

    /** Unblinds and verifies; a server that signed with another key or garbled the answer is caught here. */
    public static byte[] finalizeSignature(RSAPublicKey pk, byte[] preparedMsg, byte[] blindSig, byte[] inv) {
        BigInteger n = usableModulus(pk);
        requireNonNull(preparedMsg, "preparedMsg");
        int k = modulusLength(n);
        requireLength(blindSig, k, "blind signature");
        requireLength(inv, k, "inv");
        BigInteger z = os2ip(blindSig);
        if (z.compareTo(n) >= 0) {
            // Only a server that signed with another (larger) key answers this: treat it like any bad signature.
            throw new InvalidSignatureException("blind signature is not smaller than the modulus of the published key");
        }
        BigInteger invValue = os2ip(inv);
        if (invValue.signum() == 0 || invValue.compareTo(n) >= 0) {
            throw new IllegalArgumentException("inv is not in [1, n)");
        }
        byte[] sig = i2osp(z.multiply(invValue).mod(n), k);
        if (!verify(pk, preparedMsg, sig)) {
            throw new InvalidSignatureException("blind signature does not unblind to a valid signature for this key and message");
        }
        return sig;
    }

    /** RSASSA-PSS-VERIFY with SHA-384 and a 48-byte salt. Any malformed input is simply "not valid". */
    public static boolean verify(RSAPublicKey pk, byte[] preparedMsg, byte[] sig) {
        try {
            if (pk == null || preparedMsg == null || sig == null || !isUsable(pk)) {
                return false;
            }
            BigInteger n = pk.getModulus();
            if (sig.length != modulusLength(n)) {
                return false;
            }
            BigInteger s = os2ip(sig);
            if (s.compareTo(n) >= 0) {
                return false;
            }
            int emBits = n.bitLength() - 1;
            BigInteger m = s.modPow(pk.getPublicExponent(), n);
            if (m.bitLength() > emBits) {
                return false;
            }
            return Pss.verify(preparedMsg, i2osp(m, (emBits + 7) / 8), emBits, SALT_LEN);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Package-visible so tests can check EMSA-PSS against the vectors' encoded_msg. */
    static byte[] encode(RSAPublicKey pk, byte[] preparedMsg, byte[] salt) {
        BigInteger n = usableModulus(pk);
        return i2osp(os2ip(Pss.encode(preparedMsg, salt, n.bitLength() - 1)), modulusLength(n));
    }

    private static BigInteger usableModulus(RSAPublicKey pk) {
        requireNonNull(pk, "public key");
        if (!isUsable(pk)) {
            throw new IllegalArgumentException("public key must be RSA with an odd modulus of at least "
                    + MIN_MODULUS_BITS + " bits and an odd exponent in (1, n)");
        }
        return pk.getModulus();
    }

    static boolean isUsable(RSAPublicKey pk) {
        BigInteger n = pk.getModulus();
        BigInteger e = pk.getPublicExponent();
        return n != null && e != null
                && n.bitLength() >= MIN_MODULUS_BITS && n.testBit(0)
                && e.compareTo(BigInteger.ONE) > 0 && e.testBit(0) && e.compareTo(n) < 0;
    }

    private static void requireMatchingPair(RSAPrivateCrtKey sk, RSAPublicKey pk) {
        requireNonNull(sk, "private key");
        if (sk.getPrimeP() == null || sk.getPrimeQ() == null || sk.getPrimeExponentP() == null
                || sk.getPrimeExponentQ() == null || sk.getCrtCoefficient() == null) {
            throw new IllegalArgumentException("private key lacks CRT parameters");
        }
        if (!pk.getModulus().equals(sk.getModulus())
                || (sk.getPublicExponent() != null && !pk.getPublicExponent().equals(sk.getPublicExponent()))) {
            throw new IllegalArgumentException("private key does not belong to the given public key");
        }
    }

    static int modulusLength(BigInteger n) {
        return (n.bitLength() + 7) / 8;
    }

    static BigInteger os2ip(byte[] bytes) {
        return new BigInteger(1, bytes);
    }

    /** Big-endian, left-padded to exactly len bytes. */
    static byte[] i2osp(BigInteger x, int len) {
        byte[] raw = x.toByteArray();
        int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
        int size = raw.length - start;
        if (x.signum() < 0 || size > len) {
            throw new IllegalArgumentException("integer too large for " + len + " bytes");
        }
        byte[] out = new byte[len];
        System.arraycopy(raw, start, out, len - size, size);
        return out;
    }

    private static void requireLength(byte[] bytes, int expected, String what) {
        requireNonNull(bytes, what);
        if (bytes.length != expected) {
            throw new IllegalArgumentException(what + " must be " + expected + " bytes, got " + bytes.length);
        }
    }

    private static void requireNonNull(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
    }
}
