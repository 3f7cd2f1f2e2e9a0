package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class RequestLimitsTest {

    @Test
    void an_over_long_request_target_is_a_414_problem_that_does_not_echo_it() {
        String id = "a".repeat(5000);
        given().get("/api/rounds/" + id + "/keys").then().statusCode(414)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pulse.dev/problems/uri-too-long"))
                .body("detail", not(org.hamcrest.Matchers.containsString("aaaa")));
        given().contentType("application/json").body("{}").post("/api/responses?x=" + id).then().statusCode(414)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void an_over_large_header_block_is_a_431_problem() {
        given().header("X-Padding", "b".repeat(20_000)).get("/api/rounds/r-1/keys").then().statusCode(431)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pulse.dev/problems/headers-too-large"));
    }

    @Test
    void ordinary_requests_pass() {
        given().header("X-Padding", "b".repeat(2_000)).get("/api/rounds/" + "c".repeat(1000) + "/keys").then()
                .statusCode(not(equalTo(414)));
    }
}
