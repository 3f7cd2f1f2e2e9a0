package dev.pulse.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import dev.pulse.gateway.support.Gateway;
import dev.pulse.gateway.support.Upstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class ReverseProxyTest {

    @Test
    void identity_routes_forward_the_callers_authorization_and_request_headers() {
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer token-" + marker)
                .header("Accept-Language", "en")
                .header("X-Custom", "kept")
                .get("/api/me/rounds?probe=" + marker)
                .then().statusCode(200);

        Map<String, List<String>> headers = Upstream.headers(Upstream.theRequestWith("survey", marker));
        assertThat(headers.get("authorization"), hasItem("Bearer token-" + marker));
        assertThat(headers.get("accept-language"), hasItem("en"));
        assertThat(headers.get("x-custom"), hasItem("kept"));
    }

    @Test
    void identity_routes_neither_pass_nor_invent_a_client_address_or_the_gateway_session_cookie() {
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer t")
                .header("Cookie", "q_session=" + marker)
                .header("X-Forwarded-For", "203.0.113.7")
                .header("Forwarded", "for=203.0.113.7")
                .header("X-Real-IP", "203.0.113.7")
                .get("/api/me/rounds?probe=" + marker)
                .then().statusCode(200);

        Map<String, List<String>> headers = Upstream.headers(Upstream.theRequestWith("survey", marker));
        for (String name : List.of("cookie", "x-forwarded-for", "forwarded", "x-real-ip")) {
            assertThat(headers, not(hasKey(name)));
        }
    }

    @Test
    void analytics_paths_go_to_analytics_service_and_the_rest_of_the_api_to_survey_service() {
        String marker = UUID.randomUUID().toString();
        given().get("/api/analytics/rounds/r-1/results?unit=u-" + marker)
                .then().statusCode(200).body("upstream", equalTo("analytics"));
        given().get("/api/rounds/r-1/keys?probe=" + marker)
                .then().statusCode(200).body("upstream", equalTo("survey"));
        given().get("/api/campaigns?probe=" + marker)
                .then().statusCode(200).body("upstream", equalTo("survey"));
    }

    @Test
    void method_path_query_body_and_status_are_preserved() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"name\":\"Pulse " + marker + "\",\"itemsPerRound\":6}").getBytes(StandardCharsets.UTF_8);
        // URL encoding off: the query must reach the gateway exactly as written here
        given().urlEncodingEnabled(false).header("Authorization", "Bearer t").contentType("application/json").body(body)
                .put("/api/campaigns/c-1?status=201&a=b%20c&probe=" + marker)
                .then().statusCode(201);

        JsonPath seen = Upstream.theRequestWith("survey", marker);
        assertEquals("PUT", seen.getString("method"));
        assertEquals("/api/campaigns/c-1", seen.getString("path"));
        assertEquals("status=201&a=b%20c&probe=" + marker, seen.getString("query"));
        assertArrayEquals(body, Base64.getDecoder().decode(seen.getString("bodyBase64")));
    }

    @Test
    void a_chunked_request_body_is_streamed_to_the_upstream_unchanged() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"blindedMsg\":\"" + marker + "\"}" + " ".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(Gateway.uri("/api/campaigns/c-2/rounds"))
                .header("Authorization", "Bearer t")
                .header("Content-Type", "application/json")
                .POST(Gateway.chunked(body)));

        assertEquals(200, response.statusCode());
        assertArrayEquals(body, Base64.getDecoder().decode(
                Upstream.theRequestWith("survey", marker).getString("bodyBase64")));
    }

    @Test
    void upstream_response_headers_come_back_without_hop_by_hop_headers() {
        given().get("/api/rounds/r-1/keys")
                .then().statusCode(200)
                .header("X-Upstream", "survey")
                .header("Set-Cookie", containsString("upstream-session"))
                .header("Keep-Alive", nullValue())
                .header("Proxy-Authenticate", nullValue());
    }

    @Test
    void a_head_request_is_proxied_without_a_body() {
        given().head("/api/rounds/r-1/keys").then().statusCode(200).header("X-Upstream", "survey");
    }

    @Test
    void an_unknown_api_path_is_a_404_problem_and_is_never_forwarded() {
        String marker = UUID.randomUUID().toString();
        for (String path : List.of("/api/nothing-here/" + marker, "/api", "/api/rounds%2F" + marker,
                "/api/me;jsessionid=" + marker)) {
            HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(Gateway.uri(path)).GET());
            assertEquals(404, response.statusCode(), path);
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""), path);
            JsonPath problem = new JsonPath(response.body());
            assertEquals("https://pulse.dev/problems/not-found", problem.getString("type"), path);
            assertEquals(404, problem.getInt("status"), path);
            assertThat(problem.getString("title"), notNullValue());
            assertThat(problem.getString("detail"), notNullValue());
        }
        assertTrue(Upstream.requestWith("survey", marker).isEmpty());
        assertTrue(Upstream.requestWith("analytics", marker).isEmpty());
    }

    @Test
    void an_oversize_body_is_a_413_problem_and_never_reaches_the_upstream() {
        String marker = UUID.randomUUID().toString();
        String body = "{\"blindedMsg\":\"" + marker + "\"}" + " ".repeat(64 * 1024);
        given().header("Authorization", "Bearer t").contentType("application/json").body(body)
                .post("/api/campaigns")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/payload-too-large"))
                .body("status", equalTo(413))
                .body("title", notNullValue())
                .body("detail", containsString("65536"));
        assertTrue(Upstream.requestWith("survey", marker).isEmpty());
    }

    @Test
    void an_oversize_chunked_body_is_cut_off_with_a_413_problem() {
        String marker = UUID.randomUUID().toString();
        byte[] body = ("{\"blindedMsg\":\"" + marker + "\"}" + " ".repeat(100 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = Gateway.send(HttpRequest.newBuilder(Gateway.uri("/api/campaigns"))
                .header("Content-Type", "application/json")
                .POST(Gateway.chunked(body)));

        assertEquals(413, response.statusCode());
        assertEquals("https://pulse.dev/problems/payload-too-large", new JsonPath(response.body()).getString("type"));
        // the upstream may have seen the start of the stream, but never a complete request
        Upstream.requestWith("survey", marker).ifPresent(partial ->
                assertTrue(Base64.getDecoder().decode(partial.getString("bodyBase64")).length < body.length));
    }

    @Test
    void a_slow_upstream_is_a_504_problem() {
        long started = System.nanoTime();
        given().get("/api/rounds/slow/keys")
                .then().statusCode(504)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/upstream-timeout"))
                .body("status", equalTo(504))
                .body("detail", containsString("survey-service"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMillis < 2_900, "answered after the configured 1 s, not after the upstream's 3 s: " + tookMillis);
    }

    @Test
    void an_upstream_that_hangs_up_is_a_502_problem() {
        given().header("Authorization", "Bearer t").contentType("application/json").body("{}")
                .post("/api/campaigns/c-1/hangup")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/upstream-bad-response"))
                .body("status", equalTo(502));
    }

    @Test
    void readiness_and_prometheus_metrics_are_exposed() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/api/rounds/r-1/keys").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("pulse_gateway_proxy_outcomes_total"));
    }
}
