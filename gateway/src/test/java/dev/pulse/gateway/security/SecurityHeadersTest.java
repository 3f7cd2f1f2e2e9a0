package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class SecurityHeadersTest {

    private static void hasSecurityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", allOf(
                        containsString("default-src 'self'"), containsString("script-src 'self'"),
                        containsString("object-src 'none'"), containsString("frame-ancestors 'none'"),
                        containsString("base-uri 'none'"), not(containsString("unsafe-inline")),
                        not(containsString("unsafe-eval"))))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Permissions-Policy", containsString("camera=()"));
    }

    @Test
    void every_response_carries_the_security_headers() {
        for (String path : List.of("/api/rounds/r-1/keys", "/api/unknown", "/q/health/ready", "/not-an-api")) {
            hasSecurityHeaders(given().get(path).then());
        }
        hasSecurityHeaders(given().contentType("application/json").body("{}").post("/api/responses").then());
    }

    @Test
    void the_gateway_policy_replaces_a_weaker_one_from_an_upstream() {
        // the fake upstream sends "Content-Security-Policy: default-src *"
        given().get("/api/rounds/r-1/keys").then()
                .header("Content-Security-Policy", not(containsString("default-src *")));
    }

    @Test
    void strict_transport_security_is_off_in_local_dev() {
        given().get("/api/rounds/r-1/keys").then().header("Strict-Transport-Security", nullValue());
    }

    @Test
    void strict_transport_security_is_sent_when_enabled() {
        io.vertx.core.MultiMap headers = io.vertx.core.MultiMap.caseInsensitiveMultiMap();
        new SecurityHeaders(new StaticConfig(true)).apply(headers);
        org.junit.jupiter.api.Assertions.assertTrue(headers.get("Strict-Transport-Security").startsWith("max-age="));
    }

    private record StaticConfig(boolean hsts) implements SecurityHeadersConfig {
        @Override
        public String contentSecurityPolicy() {
            return "default-src 'self'";
        }

        @Override
        public String permissionsPolicy() {
            return "camera=()";
        }

        @Override
        public String hstsValue() {
            return "max-age=31536000; includeSubDomains";
        }
    }
}
