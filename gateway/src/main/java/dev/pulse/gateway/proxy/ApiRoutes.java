package dev.pulse.gateway.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.pulse.gateway.anonymity.AnonymousSubmission;

/**
 * The gateway's route table as a pure function of the normalized path: {@code /api/analytics/**}
 * to analytics-service, the known survey resources to survey-service, the anonymous route
 * recognised before anything else, everything else under {@code /api} unknown.
 */
public final class ApiRoutes {

    /** Vert.x route regex that hands every {@code /api} request (however many slashes) to the proxy. */
    public static final String API_PATH_REGEX = "/+api(/.*)?";

    private static final String ANALYTICS_PREFIX = "/api/analytics";

    private final Set<String> surveyResources;

    public ApiRoutes(Set<String> surveyResources) {
        this.surveyResources = Set.copyOf(surveyResources);
    }

    /**
     * @param normalizedPath {@code RoutingContext.normalizedPath()}: dot segments removed and
     *                       unreserved percent-escapes decoded by Vert.x
     */
    public ApiRoute resolve(String normalizedPath) {
        // Checked first and on the same string the access log's exclusion sees, so the set of
        // unlogged paths and the set of stripped paths are the same set.
        if (AnonymousSubmission.isAnonymousPath(normalizedPath)) {
            return new ApiRoute(ApiRoute.Kind.ANONYMOUS_SUBMISSION, Optional.of(Destination.SURVEY),
                    AnonymousSubmission.PATH);
        }
        String path = canonical(normalizedPath);
        if (path == null) {
            return ApiRoute.unknown(normalizedPath);
        }
        if (path.equals(ANALYTICS_PREFIX) || path.startsWith(ANALYTICS_PREFIX + "/")) {
            return new ApiRoute(ApiRoute.Kind.IDENTITY, Optional.of(Destination.ANALYTICS), path);
        }
        String[] segments = path.split("/", 4); // "", "api", resource, rest
        if (segments.length >= 3 && segments[1].equals("api") && surveyResources.contains(segments[2])) {
            return new ApiRoute(ApiRoute.Kind.IDENTITY, Optional.of(Destination.SURVEY), path);
        }
        return ApiRoute.unknown(path);
    }

    /**
     * Collapses repeated slashes and drops a trailing slash. Returns null for paths whose meaning an
     * upstream might decode differently from us (encoded slash or backslash, matrix parameters):
     * such a path is refused rather than risk it reaching a resource the gateway did not classify.
     */
    static String canonical(String normalizedPath) {
        if (normalizedPath == null || normalizedPath.isEmpty()) {
            return null;
        }
        String lower = normalizedPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\") || lower.contains(";")) {
            return null;
        }
        String collapsed = normalizedPath.replaceAll("/{2,}", "/");
        if (collapsed.length() > 1 && collapsed.endsWith("/")) {
            collapsed = collapsed.substring(0, collapsed.length() - 1);
        }
        return collapsed;
    }
}
