package dev.pulse.gateway.anonymity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class AnonymousSubmissionTest {

    @Test
    void the_access_log_exclusion_is_the_anonymous_path_pattern() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertEquals("true", properties.getProperty("quarkus.http.access-log.enabled"));
        assertEquals(AnonymousSubmission.PATH_REGEX, properties.getProperty("quarkus.http.access-log.exclude-pattern"));
        for (String key : properties.stringPropertyNames()) {
            // no profile may switch the exclusion off or loosen it
            if (key.endsWith("quarkus.http.access-log.exclude-pattern")) {
                assertEquals(AnonymousSubmission.PATH_REGEX, properties.getProperty(key), key);
            }
        }
    }

    @Test
    void only_the_allow_listed_headers_survive() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("content-length", "42")
                .add("Accept", "application/json")
                .add("Accept-Language", "de")
                .add("Cookie", "s=1")
                .add("Authorization", "Bearer t")
                .add("X-Forwarded-For", "203.0.113.7")
                .add("X-Some-Future-Tracking-Header", "id-1")
                .add("Sec-CH-UA", "\"Chromium\"");
        MultiMap forwarded = AnonymousSubmission.upstreamRequestHeaders(caller);
        assertEquals(Set.of("content-type", "content-length", "accept", "accept-language"),
                Set.copyOf(forwarded.names().stream().map(String::toLowerCase).toList()));
    }

    @Test
    void no_cookie_is_set_on_a_submission() {
        MultiMap response = MultiMap.caseInsensitiveMultiMap()
                .add("Set-Cookie", "a=b").add("set-cookie", "c=d").add("Content-Type", "application/json");
        AnonymousSubmission.stripResponseHeaders(response);
        assertFalse(response.contains("Set-Cookie"));
        assertTrue(response.contains("Content-Type"));
    }

    @Test
    void the_path_pattern_matches_every_spelling_of_the_submission_path_and_nothing_else() {
        for (String path : new String[] {"/api/responses", "/api/responses/", "//api//responses//"}) {
            assertTrue(AnonymousSubmission.isAnonymousPath(path), path);
        }
        for (String path : new String[] {"/api/responsesx", "/api/responses/1", "/api/rounds", "/responses"}) {
            assertFalse(AnonymousSubmission.isAnonymousPath(path), path);
        }
    }
}
