package dev.pulse.survey.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogueTest {
    private final Catalogue catalogue = Catalogue.load(CatalogueTest.class.getResourceAsStream(CatalogueProducer.RESOURCE));

    @Test
    void the_catalogue_covers_all_eight_dimensions_with_two_to_four_items_in_both_languages() {
        assertEquals(List.of("control", "security", "opacity", "roles", "decisions", "picture", "usage", "voice"),
                catalogue.dimensions().stream().map(Catalogue.Dimension::id).toList());
        var perDimension = catalogue.items().stream().collect(Collectors.groupingBy(Catalogue.Item::dimension, Collectors.counting()));
        perDimension.values().forEach(n -> assertTrue(n >= 2 && n <= 4));
        catalogue.items().forEach(i -> assertFalse(i.en().isBlank() || i.de().isBlank(), i.id()));
        assertTrue(catalogue.items().stream().anyMatch(Catalogue.Item::reverse), "some items are reverse-keyed");
    }

    @Test
    void item_ids_carry_their_version_so_a_reworded_item_is_a_new_item() {
        catalogue.items().forEach(i -> assertTrue(i.id().matches("[a-z]+-\\d+-v\\d+"), i.id()));
        String twice = "{\"version\":2,\"scale\":{},\"dimensions\":[{\"id\":\"d\",\"en\":\"D\"}],\"items\":["
                + "{\"id\":\"d-1-v1\",\"dimension\":\"d\",\"en\":\"a\"},{\"id\":\"d-1-v1\",\"dimension\":\"d\",\"en\":\"b\"}]}";
        assertThrows(IllegalArgumentException.class,
                () -> Catalogue.load(new ByteArrayInputStream(twice.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void used_items_are_never_edited_in_place() throws Exception {
        var frozen = new java.util.HashMap<String, String>();
        try (var in = CatalogueTest.class.getResourceAsStream("/catalogue-frozen.txt")) {
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .forEach(l -> frozen.put(l.split(" ")[0], l.split(" ")[1]));
        }
        var digest = java.security.MessageDigest.getInstance("SHA-256");
        for (Catalogue.Item item : catalogue.items()) {
            String content = item.dimension() + "|" + item.reverse() + "|" + item.en() + "|" + item.de();
            String hash = java.util.HexFormat.of().formatHex(digest.digest(content.getBytes(StandardCharsets.UTF_8)));
            assertTrue(frozen.containsKey(item.id()), item.id() + " is new: add it to catalogue-frozen.txt");
            assertEquals(frozen.get(item.id()), hash, item.id() + " was edited in place: give the new wording a new id (-v2)");
        }
        assertTrue(catalogue.byId().keySet().containsAll(frozen.keySet()),
                "a used item was removed; retire it by leaving it in the catalogue");
    }

    @Test
    void the_language_follows_accept_language_with_english_as_fallback() {
        assertEquals("de", Catalogue.language(List.of(Locale.GERMANY, Locale.ENGLISH)));
        assertEquals("en", Catalogue.language(List.of(Locale.FRENCH)));
        assertEquals("en", Catalogue.language(List.of()));
    }
}
