package dev.pulse.crypto;

import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/** Fresh 2048-bit round keys, generated once per test JVM because generation dominates run time. */
final class TestKeys {

    static final KeyPair ROUND_A = RoundKeys.generate(2048);
    static final KeyPair ROUND_B = RoundKeys.generate(2048);

    private TestKeys() {
    }

    static RSAPublicKey pk(KeyPair pair) {
        return (RSAPublicKey) pair.getPublic();
    }

    static RSAPrivateCrtKey sk(KeyPair pair) {
        return (RSAPrivateCrtKey) pair.getPrivate();
    }
}
