package dev.pulse.crypto;

import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import javax.crypto.Cipher;

/**
 * Hand-run comparison of BlindRsa.blindSign against the JDK's raw RSA private-key operation on
 * the same key. Not a test: timings on shared machines are too noisy to assert on.
 *
 * <pre>java -cp crypto/target/classes:crypto/target/test-classes dev.pulse.crypto.RawRsaRateProbe [seconds]</pre>
 */
public final class RawRsaRateProbe {

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        var pair = RoundKeys.generate(2048);
        RSAPublicKey pk = (RSAPublicKey) pair.getPublic();
        RSAPrivateCrtKey sk = (RSAPrivateCrtKey) pair.getPrivate();
        SecureRandom rnd = new SecureRandom();
        byte[] blinded = BlindRsa.blind(pk, BlindRsa.prepare(new byte[32], rnd), rnd).blindedMsg();
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.ENCRYPT_MODE, sk);

        for (int round = 1; round <= 3; round++) {
            double jdk = rate(seconds, () -> raw.doFinal(blinded));
            double ours = rate(seconds, () -> BlindRsa.blindSign(sk, pk, blinded));
            System.out.printf("round %d: JDK raw private op %.0f ops/s, blindSign %.0f ops/s, ratio %.2f%n",
                    round, jdk, ours, ours / jdk);
        }
    }

    private interface Op {
        Object run() throws Exception;
    }

    private static double rate(double seconds, Op op) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        Object sink = null;
        while (System.nanoTime() < deadline) {
            sink = op.run();
            count++;
        }
        if (sink == null) {
            throw new IllegalStateException("no result");
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
