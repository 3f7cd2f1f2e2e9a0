package dev.pulse.gateway.proxy;

import java.util.Optional;

/**
 * Where an {@code /api} request goes and how it is treated.
 *
 * @param kind          anonymous submission, identity-bearing call, or unknown
 * @param destination   the upstream (absent for unknown paths)
 * @param upstreamPath  the canonical path forwarded upstream; routing and forwarding use the same
 *                      string, so the upstream can never see a path the gateway classified differently
 */
public record ApiRoute(Kind kind, Optional<Destination> destination, String upstreamPath) {

    public enum Kind {
        /** {@code /api/responses}: forwarded stripped of everything that could identify the sender. */
        ANONYMOUS_SUBMISSION,
        /** Every other known {@code /api} path: the caller's credentials travel with it. */
        IDENTITY,
        /** Not an API the gateway knows: answered with a 404 problem, never forwarded. */
        UNKNOWN
    }

    static ApiRoute unknown(String path) {
        return new ApiRoute(Kind.UNKNOWN, Optional.empty(), path);
    }

    public boolean isAnonymous() {
        return kind == Kind.ANONYMOUS_SUBMISSION;
    }

    /** Metric/log label that never contains request data. */
    public String label() {
        return switch (kind) {
            case ANONYMOUS_SUBMISSION -> "anonymous";
            case IDENTITY -> destination.orElseThrow().name().toLowerCase(java.util.Locale.ROOT);
            case UNKNOWN -> "unknown";
        };
    }
}
