package dev.pulse.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSASP1 with the CRT parameters, with base blinding. The blinded messages arriving here are
 * chosen by the requester, and BigInteger arithmetic is not constant time, so the exponentiation
 * runs on m * r^e instead of m to decorrelate its timing from the input.
 *
 * <p>A fresh r per call would cost a modular inverse each time; like the JDK's own RSACore we keep
 * one (r^e, r^-1) pair per key and square it after every use, which is one squaring mod n each.
 */
final class CrtSigner {

    /** Round keys are few; the bound only stops an unbounded number of keys from leaking memory. */
    private static final int MAX_CACHED_KEYS = 4096;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ConcurrentHashMap<PublicPart, BlindingPair> PAIRS = new ConcurrentHashMap<>();

    private record PublicPart(BigInteger n, BigInteger e) {
    }

    /** u = r^e mod n, v = r^-1 mod n. */
    private record BlindingPair(BigInteger u, BigInteger v) {

        BlindingPair squared(BigInteger n) {
            return new BlindingPair(u.multiply(u).mod(n), v.multiply(v).mod(n));
        }
    }

    private CrtSigner() {
    }

    static BigInteger sign(RSAPrivateCrtKey sk, BigInteger e, BigInteger m) {
        BigInteger n = sk.getModulus();
        BlindingPair pair = nextPair(n, e);
        BigInteger blinded = m.multiply(pair.u()).mod(n);
        return crt(sk, blinded).multiply(pair.v()).mod(n);
    }

    private static BigInteger crt(RSAPrivateCrtKey sk, BigInteger c) {
        BigInteger p = sk.getPrimeP();
        BigInteger q = sk.getPrimeQ();
        BigInteger s1 = c.mod(p).modPow(sk.getPrimeExponentP(), p);
        BigInteger s2 = c.mod(q).modPow(sk.getPrimeExponentQ(), q);
        BigInteger h = s1.subtract(s2).multiply(sk.getCrtCoefficient()).mod(p);
        return s2.add(q.multiply(h));
    }

    private static BlindingPair nextPair(BigInteger n, BigInteger e) {
        if (PAIRS.size() > MAX_CACHED_KEYS) {
            PAIRS.clear();
        }
        // compute() is atomic per key, so concurrent signers never share one pair.
        return PAIRS.compute(new PublicPart(n, e), (key, previous) -> previous == null ? freshPair(n, e) : previous.squared(n));
    }

    private static BlindingPair freshPair(BigInteger n, BigInteger e) {
        BigInteger r = randomUnit(n, RANDOM);
        return new BlindingPair(r.modPow(e, n), r.modInverse(n));
    }

    /** Uniform r in [1, n) with gcd(r, n) = 1. */
    static BigInteger randomUnit(BigInteger n, SecureRandom rnd) {
        while (true) {
            BigInteger r = new BigInteger(n.bitLength(), rnd);
            if (r.signum() > 0 && r.compareTo(n) < 0 && r.gcd(n).equals(BigInteger.ONE)) {
                return r;
            }
        }
    }
}
