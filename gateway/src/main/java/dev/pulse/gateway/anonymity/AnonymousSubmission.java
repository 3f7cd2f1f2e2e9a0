package dev.pulse.gateway.anonymity;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/**
 * The anonymous route, {@code POST /api/responses}: the one place that decides what of a
 * response submission may travel past the gateway. Everything here is an anonymity decision
 * (DESIGN.md, "Anonymity"): an operator with full access to survey-service, its logs and its
 * database must not be able to tie a submitted response to a person, a device or a session.
 */
public final class AnonymousSubmission {

    /** The canonical path, which is also the only path forwarded upstream for a submission. */
    public static final String PATH = "/api/responses";

    /**
     * Every normalized request path that means {@link #PATH}. It must stay equal to
     * {@code quarkus.http.access-log.exclude-pattern}: the access log matches that regex with
     * {@code Matcher.matches()} against {@code RoutingContext.normalizedPath()}, so a bare
     * {@code /api/responses} pattern would still log {@code /api/responses/} and {@code //api/responses}
     * (with the client address) although the gateway forwards both as submissions.
     */
    public static final String PATH_REGEX = "/+api/+responses/*";

    private static final Pattern PATH_PATTERN = Pattern.compile(PATH_REGEX);

    /**
     * Allow-list, not deny-list: a header we have never heard of (a new tracing vendor, a CDN's
     * client-IP header, a browser hint) is dropped by default instead of leaking by default.
     * Content-Type/Content-Length: needed to read the body. Accept/Accept-Language: needed to answer
     * in a format and language the client understands; both are sent by every client alike.
     */
    public static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of(
            "content-type", "content-length", "accept", "accept-language");

    private AnonymousSubmission() {
    }

    /**
     * True for every path the gateway treats as the anonymous route. The method does not matter:
     * whatever is sent to this path is stripped, so no verb can smuggle identity to the intake.
     */
    public static boolean isAnonymousPath(String normalizedPath) {
        return normalizedPath != null && PATH_PATTERN.matcher(normalizedPath).matches();
    }

    /**
     * The headers survey-service gets for a submission: only the allow-list. Host is set by the
     * HTTP client to the upstream's own authority, so the caller's Host never travels either.
     */
    public static MultiMap upstreamRequestHeaders(MultiMap callerHeaders) {
        MultiMap forwarded = HttpHeaders.headers();
        callerHeaders.forEach(header -> {
            if (FORWARDED_REQUEST_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                forwarded.add(header.getKey(), header.getValue());
            }
        });
        return forwarded;
    }

    /**
     * What may come back to the client. Set-Cookie is removed because a cookie set on the
     * submission would let the next identity-bearing request of the same browser be linked to it.
     */
    public static void stripResponseHeaders(MultiMap responseHeaders) {
        responseHeaders.remove(HttpHeaders.SET_COOKIE);
        responseHeaders.remove("Set-Cookie2");
    }
}
