package dev.pulse.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** EMSA-PSS (RFC 8017 section 9.1) fixed to SHA-384 and MGF1-SHA-384, as RFC 9474 requires. */
final class Pss {

    static final int HASH_LEN = 48;

    private Pss() {
    }

    static byte[] encode(byte[] msg, byte[] salt, int emBits) {
        int emLen = byteLength(emBits);
        if (emLen < HASH_LEN + salt.length + 2) {
            throw new IllegalArgumentException("modulus too small for SHA-384 PSS with a " + salt.length + "-byte salt");
        }
        byte[] h = saltedHash(sha384(msg), salt);
        byte[] db = new byte[emLen - HASH_LEN - 1];
        db[db.length - salt.length - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - salt.length, salt.length);
        xorInPlace(db, mgf1(h, db.length));
        db[0] &= (byte) (0xFF >>> unusedTopBits(emBits));

        byte[] em = new byte[emLen];
        System.arraycopy(db, 0, em, 0, db.length);
        System.arraycopy(h, 0, em, db.length, HASH_LEN);
        em[emLen - 1] = (byte) 0xBC;
        return em;
    }

    /** Returns false on any mismatch; never throws for well-typed arguments. */
    static boolean verify(byte[] msg, byte[] em, int emBits, int sLen) {
        int emLen = byteLength(emBits);
        if (em.length != emLen || emLen < HASH_LEN + sLen + 2 || em[emLen - 1] != (byte) 0xBC) {
            return false;
        }
        int dbLen = emLen - HASH_LEN - 1;
        int zeroBits = unusedTopBits(emBits);
        if (((em[0] & 0xFF) >>> (8 - zeroBits)) != 0) {
            return false;
        }
        byte[] h = new byte[HASH_LEN];
        System.arraycopy(em, dbLen, h, 0, HASH_LEN);
        byte[] db = new byte[dbLen];
        System.arraycopy(em, 0, db, 0, dbLen);
        xorInPlace(db, mgf1(h, dbLen));
        db[0] &= (byte) (0xFF >>> zeroBits);

        int separator = dbLen - sLen - 1;
        for (int i = 0; i < separator; i++) {
            if (db[i] != 0) {
                return false;
            }
        }
        if (db[separator] != 0x01) {
            return false;
        }
        byte[] salt = new byte[sLen];
        System.arraycopy(db, dbLen - sLen, salt, 0, sLen);
        return MessageDigest.isEqual(h, saltedHash(sha384(msg), salt));
    }

    static byte[] mgf1(byte[] seed, int length) {
        byte[] out = new byte[length];
        MessageDigest md = newSha384();
        byte[] counter = new byte[4];
        for (int offset = 0, c = 0; offset < length; offset += HASH_LEN, c++) {
            counter[0] = (byte) (c >>> 24);
            counter[1] = (byte) (c >>> 16);
            counter[2] = (byte) (c >>> 8);
            counter[3] = (byte) c;
            md.update(seed);
            md.update(counter);
            byte[] block = md.digest();
            System.arraycopy(block, 0, out, offset, Math.min(HASH_LEN, length - offset));
        }
        return out;
    }

    private static byte[] saltedHash(byte[] mHash, byte[] salt) {
        MessageDigest md = newSha384();
        md.update(new byte[8]);
        md.update(mHash);
        md.update(salt);
        return md.digest();
    }

    private static int byteLength(int bits) {
        return (bits + 7) / 8;
    }

    /** Bits of the first encoded byte that lie above emBits and so must be zero. */
    private static int unusedTopBits(int emBits) {
        return 8 * byteLength(emBits) - emBits;
    }

    private static void xorInPlace(byte[] target, byte[] mask) {
        for (int i = 0; i < target.length; i++) {
            target[i] ^= mask[i];
        }
    }

    private static byte[] sha384(byte[] data) {
        return newSha384().digest(data);
    }

    private static MessageDigest newSha384() {
        try {
            return MessageDigest.getInstance("SHA-384");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-384 is mandatory in every Java runtime", e);
        }
    }
}
