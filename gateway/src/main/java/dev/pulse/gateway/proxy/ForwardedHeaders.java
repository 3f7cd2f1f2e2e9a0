package dev.pulse.gateway.proxy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;

/** Header rules for identity-bearing routes (the anonymous route has its own allow-list). */
public final class ForwardedHeaders {

    /** RFC 9110 §7.6.1 connection-specific fields, plus framing the proxy sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
            "te", "trailer", "transfer-encoding", "upgrade", "http2-settings");

    /**
     * Never forwarded upstream even on identity routes. Host: the upstream gets its own authority.
     * Cookie: the gateway's session cookie is the gateway's, upstreams authenticate by bearer token.
     * Forwarded, X-Forwarded-* and X-Real-IP: caller-supplied values are spoofable, and no upstream needs
     * the client address, so the gateway neither passes nor adds one. Expect: handled at this hop.
     */
    private static final Set<String> NOT_FORWARDED = Set.of(
            "host", "cookie", "forwarded", "x-real-ip", "true-client-ip", "x-client-ip", "expect");

    private ForwardedHeaders() {
    }

    public static MultiMap upstreamRequestHeaders(MultiMap caller) {
        Set<String> connectionListed = connectionTokens(caller);
        MultiMap forwarded = HttpHeaders.headers();
        caller.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || connectionListed.contains(name) || NOT_FORWARDED.contains(name)
                    || name.startsWith("x-forwarded-") || name.equals("content-length")) {
                return;
            }
            forwarded.add(header.getKey(), header.getValue());
        });
        return forwarded;
    }

    /** Copies an upstream response's headers to the client, minus hop-by-hop and framing. */
    public static void copyResponseHeaders(MultiMap upstream, MultiMap client) {
        Set<String> connectionListed = connectionTokens(upstream);
        upstream.forEach(header -> {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (HOP_BY_HOP.contains(name) || connectionListed.contains(name)) {
                return;
            }
            client.add(header.getKey(), header.getValue());
        });
    }

    private static Set<String> connectionTokens(MultiMap headers) {
        Set<String> tokens = new HashSet<>();
        for (String value : headers.getAll(HttpHeaders.CONNECTION)) {
            Arrays.stream(value.split(","))
                    .map(token -> token.trim().toLowerCase(Locale.ROOT))
                    .filter(token -> !token.isEmpty())
                    .forEach(tokens::add);
        }
        return tokens;
    }
}
