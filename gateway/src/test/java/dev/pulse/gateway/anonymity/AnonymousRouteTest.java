package dev.pulse.gateway.anonymity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import dev.pulse.gateway.support.Gateway;
import dev.pulse.gateway.support.Upstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * POST /api/responses: what survey-service, the logs and the client see of a submission.
 * Every test here guards one anonymity decision; a failure means a submission became linkable.
 */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class AnonymousRouteTest {

    private static final Set<String> ALLOWED_UPSTREAM_HEADERS = Set.of(
            "host", "content-type", "content-length", "accept", "accept-language");

    private static String submission(String marker) {
        return "{\"roundId\":\"r-1\",\"keyId\":\"k-1\",\"token\":{\"msg\":\"" + marker
                + "\",\"sig\":\"c2ln\"},\"answers\":{\"control-1\":4,\"voice-2\":2}}";
    }

    /** A browser-like submission carrying everything a careless proxy would pass on. */
    private static Response submitWithEverything(String marker) {
        return given()
                .contentType("application/json")
                .header("Accept", "application/json")
                .header("Accept-Language", "de-DE")
                .header("Cookie", "q_session=session-" + marker)
                .header("Authorization", "Bearer token-" + marker)
                .header("Forwarded", "for=203.0.113.7;proto=https")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "pulse.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Real-IP", "203.0.113.7")
                .header("True-Client-IP", "203.0.113.7")
                .header("Via", "1.1 corporate-proxy")
                .header("User-Agent", "Mozilla/5.0 ua-" + marker)
                .header("Referer", "https://pulse.example/round/" + marker)
                .header("Origin", "https://pulse.example")
                .header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .header("tracestate", "vendor=" + marker)
                .header("b3", "80f198ee56343ba864fe8b2a57d3eff7-e457b5a2e4d86bd1-1")
                .header("X-B3-TraceId", "80f198ee56343ba864fe8b2a57d3eff7")
                .header("X-Request-Id", "req-" + marker)
                .header("X-Correlation-Id", "corr-" + marker)
                .header("X-Device-Id", "device-" + marker)
                .body(submission(marker))
                .post("/api/responses");
    }

    private static Map<String, List<String>> upstreamHeadersOf(String marker) {
        return Upstream.headers(Upstream.theRequestWith("survey", marker));
    }

    @Test
    void the_anonymous_route_forwards_only_the_allow_listed_headers() {
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then().statusCode(202);

        assertThat(upstreamHeadersOf(marker).keySet(), everyItem(is(in(ALLOWED_UPSTREAM_HEADERS))));
    }

    @Test
    void the_anonymous_route_never_forwards_the_client_address() {
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then().statusCode(202);

        Map<String, List<String>> headers = upstreamHeadersOf(marker);
        assertNoneOf(headers, "forwarded", "x-forwarded-for", "x-forwarded-host",
                "x-forwarded-proto", "x-real-ip", "true-client-ip", "via");
        // nor a header the gateway might add on its own with the caller's loopback address
        assertThat(headers.toString(), not(containsString("203.0.113.7")));
        headers.forEach((name, values) -> {
            if (!name.equals("host")) {
                assertThat(name, values.toString(), not(containsString("127.0.0.1")));
            }
        });
    }

    @Test
    void the_anonymous_route_never_forwards_credentials_or_cookies() {
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then().statusCode(202);

        Map<String, List<String>> headers = upstreamHeadersOf(marker);
        assertNoneOf(headers, "cookie", "authorization");
        assertThat(headers.toString(), not(containsString("session-" + marker)));
        assertThat(headers.toString(), not(containsString("token-" + marker)));
    }

    @Test
    void the_anonymous_route_never_forwards_tracing_ids_or_browser_fingerprints() {
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then().statusCode(202);

        Map<String, List<String>> headers = upstreamHeadersOf(marker);
        assertNoneOf(headers, "traceparent", "tracestate", "b3", "x-b3-traceid",
                "x-request-id", "x-correlation-id", "user-agent", "referer", "origin", "x-device-id");
    }

    @Test
    void the_anonymous_route_forwards_the_body_byte_for_byte() {
        String marker = UUID.randomUUID().toString();
        // non-ASCII and odd whitespace: a proxy that re-encodes or re-serialises would change these bytes
        String body = "{ \"roundId\":\"r-1\",\n \"token\":{\"msg\":\"" + marker + "\"}, \"note\":\"Änderung ✓\" }";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        given().contentType("application/json; charset=UTF-8").body(bytes).post("/api/responses")
                .then().statusCode(202);

        JsonPath seen = Upstream.theRequestWith("survey", marker);
        assertArrayEquals(bytes, Base64.getDecoder().decode(seen.getString("bodyBase64")));
        assertEquals("POST", seen.getString("method"));
        assertEquals("/api/responses", seen.getString("path"));
    }

    @Test
    void a_chunked_submission_arrives_unchanged_and_stripped() {
        String marker = UUID.randomUUID().toString();
        byte[] bytes = submission(marker).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(Gateway.uri("/api/responses"))
                .header("Content-Type", "application/json")
                .header("Cookie", "q_session=" + marker)
                .POST(Gateway.chunked(bytes)));

        assertEquals(202, response.statusCode());
        JsonPath seen = Upstream.theRequestWith("survey", marker);
        assertArrayEquals(bytes, Base64.getDecoder().decode(seen.getString("bodyBase64")));
        assertThat(Upstream.headers(seen).keySet(), everyItem(is(in(Set.of("host", "content-type",
                "transfer-encoding", "content-length", "accept", "accept-language")))));
    }

    @Test
    void the_anonymous_route_never_sets_a_cookie() {
        // the fake survey-service answers every request with a Set-Cookie
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then()
                .statusCode(202)
                .header("Set-Cookie", nullValue())
                .header("Set-Cookie2", nullValue());
    }

    @Test
    void the_anonymous_route_drops_the_query_string() {
        String marker = UUID.randomUUID().toString();
        given().contentType("application/json").body(submission(marker))
                .post("/api/responses?device=" + marker).then().statusCode(202);

        JsonPath seen = Upstream.theRequestWith("survey", marker);
        assertNull(seen.getString("query"));
    }

    @Test
    void every_spelling_of_the_anonymous_path_is_stripped_like_the_canonical_one() {
        for (String spelling : List.of("/api/responses/", "//api//responses", "/api/%72esponses",
                "/api/rounds/../responses", "/api/./responses//")) {
            String marker = UUID.randomUUID().toString();
            HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(Gateway.uri(spelling))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + marker)
                    .header("Cookie", "q_session=" + marker)
                    .header("X-Forwarded-For", "203.0.113.7")
                    .POST(HttpRequest.BodyPublishers.ofString(submission(marker))));

            assertEquals(202, response.statusCode(), spelling);
            assertTrue(response.headers().firstValue("Set-Cookie").isEmpty(), spelling);
            JsonPath seen = Upstream.theRequestWith("survey", marker);
            assertEquals("/api/responses", seen.getString("path"), spelling);
            assertThat(spelling, Upstream.headers(seen).keySet(), everyItem(is(in(ALLOWED_UPSTREAM_HEADERS))));
        }
    }

    @Test
    void the_anonymous_route_is_not_access_logged_but_other_routes_are() {
        long mark = Gateway.size(Gateway.ACCESS_LOG);
        String marker = UUID.randomUUID().toString();
        // the marker sits in the query string, which an access-log line would contain
        given().contentType("application/json").body(submission(marker))
                .post("/api/responses?probe=" + marker).then().statusCode(202);
        for (String spelling : List.of("/api/responses/?probe=", "//api//responses?probe=", "/api/%72esponses?probe=")) {
            Gateway.send(HttpRequest.newBuilder(Gateway.uri(spelling + marker))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(submission(marker))));
        }
        // an identity-bearing request after them: once its line is written, earlier lines would be too. Its marker
        // sits in the path; the query string (where an OIDC callback carries session_state) is never logged.
        given().get("/api/rounds/r-" + marker + "/keys?probe=query-" + marker);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Gateway.readSince(Gateway.ACCESS_LOG, mark).contains("/api/rounds/r-" + marker + "/keys"));
        String written = Gateway.readSince(Gateway.ACCESS_LOG, mark);
        List<String> linesWithMarker = written.lines().filter(line -> line.contains(marker)).toList();
        assertThat(linesWithMarker, hasSize(1));
        assertThat(linesWithMarker.get(0), containsString("/api/rounds/r-" + marker + "/keys"));
        assertThat(written, not(containsString("query-" + marker)));
        assertThat(written.toLowerCase(Locale.ROOT), not(containsString("responses")));
    }

    @Test
    void no_application_log_line_mentions_a_submission() {
        long mark = Gateway.size(Gateway.APPLICATION_LOG);
        String marker = UUID.randomUUID().toString();
        submitWithEverything(marker).then().statusCode(202);
        // a failing submission too: errors are where proxies usually log the request
        given().contentType("application/json").header("User-Agent", "ua-" + marker)
                .body(submission(marker) + " ".repeat(70 * 1024)).post("/api/responses?probe=" + marker)
                .then().statusCode(413);

        String log = Gateway.readSince(Gateway.APPLICATION_LOG, mark);
        assertThat(log, not(containsString(marker)));
        assertThat(log, not(containsString("203.0.113.7")));
        assertThat(log, not(containsString("/api/responses")));
    }

    @Test
    void problems_on_the_anonymous_route_echo_nothing_of_the_request() {
        String marker = UUID.randomUUID().toString();
        String problem = given().contentType("application/json").header("User-Agent", "ua-" + marker)
                .body(submission(marker) + " ".repeat(70 * 1024)).post("/api/responses?probe=" + marker)
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/payload-too-large"))
                .extract().asString();
        assertThat(problem, not(containsString(marker)));
    }

    private static void assertNoneOf(Map<String, List<String>> headers, String... names) {
        for (String name : names) {
            assertThat(headers, not(hasKey(name)));
        }
    }
}
