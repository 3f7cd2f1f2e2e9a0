package dev.pulse.survey.round;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The item ids a round asks, as stored in {@code round.items}. */
public final class RoundItems {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoundItems() {
    }

    public static List<String> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
