package dev.pulse.analytics.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

    @Test
    void an_unexpected_failure_is_a_500_problem_that_reveals_nothing_about_the_cause() {
        given().get("/test-only/problems/crash").then()
                .statusCode(500)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/internal-error"))
                .body("title", equalTo("Internal error"))
                .body("status", equalTo(500))
                .body("detail", startsWith("Something went wrong"))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("at dev.pulse")));
    }

    @Test
    void a_body_that_is_not_json_is_a_400_problem() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", ").post("/test-only/problems/echo").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/malformed-json"))
                .body("status", equalTo(400))
                .body(not(containsString("Unexpected")));
    }

    @Test
    void a_body_of_the_wrong_shape_is_a_400_problem() {
        given().contentType(ContentType.JSON).body("{\"count\": \"many\"}").post("/test-only/problems/echo").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/malformed-json"));
    }

    @Test
    void an_unknown_address_is_a_404_problem() {
        given().get("/api/analytics/nothing-here").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/not-found"))
                .body("title", equalTo("Not Found"))
                .body("status", equalTo(404));
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        given().delete("/test-only/problems/crash").then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/method-not-allowed"));
    }
}
