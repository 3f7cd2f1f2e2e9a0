package dev.pulse.analytics.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GzipTest {

    @Test
    void gzip_is_accepted_when_named_or_covered_by_a_star_unless_its_q_is_zero() {
        assertEquals(true, Gzip.accepted("gzip, deflate, br"));
        assertEquals(true, Gzip.accepted("br;q=1.0, GZIP;q=0.5"));
        assertEquals(true, Gzip.accepted("*"));
        assertEquals(true, Gzip.accepted("x-gzip"));
        assertEquals(false, Gzip.accepted(null));
        assertEquals(false, Gzip.accepted(""));
        assertEquals(false, Gzip.accepted("identity"));
        assertEquals(false, Gzip.accepted("deflate, br"));
        assertEquals(false, Gzip.accepted("gzip;q=0"));
        assertEquals(false, Gzip.accepted("gzip;q=0.000, *"));
        assertEquals(false, Gzip.accepted("*;q=0"));
        assertEquals(false, Gzip.accepted("gzip;q=nonsense"));
    }

    @Test
    void what_is_compressed_decompresses_to_the_same_bytes() throws Exception {
        byte[] json = "{\"units\":[]}".repeat(1000).getBytes(StandardCharsets.UTF_8);
        byte[] compressed = Gzip.compress(json);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(json, in.readAllBytes());
        }
        assertEquals(true, compressed.length < json.length / 10);
    }
}
