package dev.pulse.gateway.problem;

/**
 * The errors the gateway itself produces. The slug is part of the public contract
 * ({@code https://pulse.dev/problems/<slug>}): clients branch on it, so it never changes.
 */
public enum ProblemType {
    NOT_FOUND("not-found", 404, "No such API resource"),
    CROSS_ORIGIN_WRITE("cross-origin-write", 403, "Write from another origin refused"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "Request target too long"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request headers too large"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    GATEWAY_ERROR("gateway-error", 500, "Gateway error"),
    SIGN_IN_UNAVAILABLE("sign-in-unavailable", 503, "Sign-in service unavailable"),
    UPSTREAM_BAD_RESPONSE("upstream-bad-response", 502, "Upstream service failed"),
    UPSTREAM_UNAVAILABLE("upstream-unavailable", 503, "Upstream service unavailable"),
    UPSTREAM_CIRCUIT_OPEN("upstream-circuit-open", 503, "Upstream service temporarily switched off"),
    UPSTREAM_TIMEOUT("upstream-timeout", 504, "Upstream service timed out");

    public static final String TYPE_BASE = "https://pulse.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String type() {
        return TYPE_BASE + slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
