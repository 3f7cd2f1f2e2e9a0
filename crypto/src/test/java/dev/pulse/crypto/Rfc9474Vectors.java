package dev.pulse.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads rfc9474-vectors.txt (see the header of that file for where the values come from). */
final class Rfc9474Vectors {

    record Vector(String name, Map<String, String> fields) {

        byte[] bytes(String field) {
            String hex = fields.get(field);
            if (hex == null) {
                throw new IllegalArgumentException(name + " has no field " + field);
            }
            return HexFormat.of().parseHex(hex);
        }

        boolean has(String field) {
            return fields.containsKey(field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Map<String, Vector> ALL = load();
    static final Vector KEY = ALL.get("key");

    private Rfc9474Vectors() {
    }

    static List<Vector> signingVectors() {
        return ALL.values().stream().filter(v -> !v.name().equals("key")).toList();
    }

    static BigInteger integer(String field) {
        return new BigInteger(1, KEY.bytes(field));
    }

    static RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(integer("n"), integer("e")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAPrivateCrtKey privateKey() {
        BigInteger p = integer("p");
        BigInteger q = integer("q");
        BigInteger d = integer("d");
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(integer("n"), integer("e"), d, p, q,
                d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), q.modInverse(p));
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replays given bytes so the randomized steps can be pinned to the vector's values. */
    static final class ReplayRandom extends SecureRandom {

        private final byte[] bytes;

        ReplayRandom(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("asked for " + out.length + " bytes, replaying " + bytes.length);
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    private static Map<String, Vector> load() {
        Map<String, Vector> vectors = new LinkedHashMap<>();
        try (InputStream in = Rfc9474Vectors.class.getResourceAsStream("rfc9474-vectors.txt");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            Map<String, String> current = null;
            for (String line; (line = reader.readLine()) != null; ) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int eq = line.indexOf('=');
                String field = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (field.equals("name")) {
                    current = new LinkedHashMap<>();
                    vectors.put(value, new Vector(value, current));
                } else {
                    current.put(field, value);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }
}
