package dev.pulse.analytics.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;

/**
 * An RFC 9457 problem detail. {@code type} is stable and documented per slug; {@code detail} tells a
 * person what to do about it and never contains internals (stack traces, SQL, payloads).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "https://pulse.dev/problems/";

    public static Problem of(String slug, String title, int status, String detail) {
        return new Problem(URI.create(TYPE_PREFIX + slug), title, status, detail, null);
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path);
    }
}
