package dev.pulse.analytics.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for large reports that are cached as bytes anyway: compressed once per round version, not per request.
 * A 200-unit heatmap shrinks from about 250 kB to a tenth of that, which is what an HR dashboard far from the
 * server waits for.
 */
public final class Gzip {

    public static final String ENCODING = "gzip";

    private Gzip() {
    }

    /** Whether an {@code Accept-Encoding} header accepts gzip (RFC 9110 §12.5.3: gzip or *, with a q above 0). */
    public static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean accepted = false;
        for (String entry : acceptEncoding.split(",")) {
            String[] parts = entry.split(";");
            String coding = parts[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals(ENCODING) && !coding.equals("x-gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().toLowerCase(Locale.ROOT);
                if (parameter.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(parameter.substring(2).trim()) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (coding.equals("*")) {
                accepted = accepted || !refused;
            } else {
                // An explicit gzip entry decides, whatever * says.
                return !refused;
            }
        }
        return accepted;
    }

    public static byte[] compress(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not compress a report", e);
        }
        return out.toByteArray();
    }
}
