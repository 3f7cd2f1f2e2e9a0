package dev.pulse.survey.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.Map;

/** An RFC 9457 problem detail; {@code type} is stable and documents the problem for the caller. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, Map<String, Object> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://pulse.dev/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(BASE + slug), title, status, detail, null);
    }

    public Problem withErrors(Map<String, Object> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }
}
