package dev.pulse.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

class ForwardedHeadersTest {

    @Test
    void identity_routes_keep_credentials_and_drop_hop_by_hop_and_connection_listed_headers() {
        MultiMap caller = MultiMap.caseInsensitiveMultiMap()
                .add("Authorization", "Bearer t")
                .add("Connection", "keep-alive, X-Secret-Hop")
                .add("X-Secret-Hop", "1")
                .add("Keep-Alive", "timeout=5")
                .add("TE", "trailers")
                .add("Host", "pulse.example")
                .add("Proxy-Authorization", "Basic x")
                .add("X-Forwarded-For", "203.0.113.7")
                .add("Accept", "application/json");
        MultiMap forwarded = ForwardedHeaders.upstreamRequestHeaders(caller);
        assertEquals("Bearer t", forwarded.get("Authorization"));
        assertEquals("application/json", forwarded.get("Accept"));
        for (String dropped : new String[] {"Connection", "X-Secret-Hop", "Keep-Alive", "TE", "Host",
                "Proxy-Authorization", "X-Forwarded-For"}) {
            assertFalse(forwarded.contains(dropped), dropped);
        }
    }

    @Test
    void response_headers_lose_only_hop_by_hop_headers() {
        MultiMap upstream = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Content-Length", "12")
                .add("Transfer-Encoding", "chunked")
                .add("Connection", "close")
                .add("Set-Cookie", "a=b");
        MultiMap client = MultiMap.caseInsensitiveMultiMap();
        ForwardedHeaders.copyResponseHeaders(upstream, client);
        assertTrue(client.contains("Content-Type"));
        assertTrue(client.contains("Content-Length"));
        assertTrue(client.contains("Set-Cookie"));
        assertFalse(client.contains("Transfer-Encoding"));
        assertFalse(client.contains("Connection"));
    }
}
