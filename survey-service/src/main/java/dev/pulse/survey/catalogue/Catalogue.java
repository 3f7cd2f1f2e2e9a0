package dev.pulse.survey.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The questionnaire catalogue: versioned data, not code. Item ids carry their version so that an
 * edited wording becomes a new item and trends of the old one stay comparable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Catalogue(int version, Map<String, List<String>> scale, List<Dimension> dimensions, List<Item> items) {
    public static final String DEFAULT_LANGUAGE = "en";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dimension(String id, String en, String de) {
        public String label(String language) {
            return "de".equals(language) && de != null ? de : en;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(String id, String dimension, boolean reverse, boolean anchor, String en, String de) {
        public String text(String language) {
            return "de".equals(language) && de != null ? de : en;
        }
    }

    public Catalogue {
        dimensions = List.copyOf(dimensions);
        items = List.copyOf(items);
        var dimensionIds = dimensions.stream().map(Dimension::id).collect(Collectors.toSet());
        var seen = new java.util.HashSet<String>();
        for (Item item : items) {
            if (!seen.add(item.id())) {
                throw new IllegalArgumentException("catalogue item id used twice: " + item.id());
            }
            if (!dimensionIds.contains(item.dimension())) {
                throw new IllegalArgumentException("item " + item.id() + " has unknown dimension " + item.dimension());
            }
        }
    }

    public static Catalogue load(InputStream json) {
        try (json) {
            return new ObjectMapper().readValue(json, Catalogue.class);
        } catch (IOException e) {
            if (e.getCause() instanceof IllegalArgumentException invalid) {
                throw invalid;
            }
            throw new UncheckedIOException("catalogue unreadable", e);
        }
    }

    public Optional<Item> item(String id) {
        return Optional.ofNullable(byId().get(id));
    }

    public Map<String, Item> byId() {
        return items.stream().collect(Collectors.toMap(Item::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    /** Supported languages in preference order of an Accept-Language header; English is the fallback. */
    public static String language(List<java.util.Locale> acceptable) {
        for (var locale : acceptable) {
            String lang = locale.getLanguage();
            if ("de".equals(lang) || "en".equals(lang)) {
                return lang;
            }
        }
        return DEFAULT_LANGUAGE;
    }
}
