package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(AnonymousBudgetTest.TwoSubmissions.class)
@WithTestResource(FakeUpstreams.class)
class AnonymousBudgetTest {

    public static class TwoSubmissions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "pulse.gateway.rate-limit.anonymous.capacity", "2",
                    "pulse.gateway.rate-limit.anonymous.refill-per-second", "0.001");
        }
    }

    @Test
    void the_anonymous_route_has_one_global_budget_not_one_per_client() {
        // different "clients" by every header a per-client limiter could key on: they share one budget
        given().header("X-Forwarded-For", "203.0.113.1").header("Authorization", "Bearer a")
                .contentType("application/json").body("{}").post("/api/responses").then().statusCode(202);
        given().header("X-Forwarded-For", "203.0.113.2").header("Authorization", "Bearer b")
                .contentType("application/json").body("{}").post("/api/responses").then().statusCode(202);
        given().header("X-Forwarded-For", "203.0.113.3").header("Authorization", "Bearer c")
                .contentType("application/json").body("{}").post("/api/responses").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .header("Set-Cookie", org.hamcrest.Matchers.nullValue())
                .body("type", equalTo("https://pulse.dev/problems/rate-limited"));

        // identity routes keep working
        given().get("/api/rounds/r-1/keys").then().statusCode(200);
    }
}
