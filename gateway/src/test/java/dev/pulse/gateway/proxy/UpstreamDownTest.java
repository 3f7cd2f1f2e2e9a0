package dev.pulse.gateway.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** analytics-service is down (nobody listens on its port); %test opens the circuit after 3 failures. */
@QuarkusTest
@WithTestResource(value = FakeUpstreams.class, initArgs = @ResourceArg(name = "analytics", value = "down"))
class UpstreamDownTest {

    @Test
    void a_down_upstream_is_a_503_problem_then_the_circuit_opens_and_fails_fast() {
        for (int i = 0; i < 3; i++) {
            given().get("/api/analytics/rounds/r-1/heatmap").then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("type", equalTo("https://pulse.dev/problems/upstream-unavailable"))
                    .body("status", equalTo(503))
                    .body("title", notNullValue())
                    .body("detail", notNullValue());
        }
        given().get("/api/analytics/rounds/r-1/heatmap").then()
                .statusCode(503)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://pulse.dev/problems/upstream-circuit-open"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'upstream circuits' }.data.'analytics-service'", equalTo("OPEN"));

        // one upstream's circuit does not affect the other
        given().get("/api/rounds/r-1/keys").then().statusCode(200);
    }
}
