package dev.pulse.crypto;

import java.util.Arrays;
import java.util.Base64;

/** URL-safe base64 without padding, the only text encoding Pulse uses for keys, ids and tokens. */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes to encode must not be null");
        }
        return ENCODER.encodeToString(bytes);
    }

    /**
     * Decodes canonical base64url only. Padding, stray characters and non-zero trailing bits are
     * rejected so that one byte string has exactly one text form: a spent-token or key-id check that
     * compares strings must not be fooled by a second spelling of the same bytes.
     */
    public static byte[] decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("base64url text must not be null");
        }
        if (text.indexOf('=') >= 0) {
            throw new IllegalArgumentException("base64url text must not be padded");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not valid base64url: " + e.getMessage(), e);
        }
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            Arrays.fill(bytes, (byte) 0);
            throw new IllegalArgumentException("base64url text is not in canonical form");
        }
        return bytes;
    }
}
