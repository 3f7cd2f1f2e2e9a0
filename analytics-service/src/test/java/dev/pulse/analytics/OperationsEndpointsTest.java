package dev.pulse.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    @Test
    void readiness_includes_the_database() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
    }

    @Test
    void the_openapi_document_lists_the_results_endpoint_with_its_error_codes() {
        given().queryParam("format", "json").get("/q/openapi").then()
                .statusCode(200)
                .body("paths.'/api/analytics/rounds/{roundId}/results'.get.responses.keySet()",
                        org.hamcrest.Matchers.hasItems("200", "401", "403", "404"));
    }

    @Test
    void metrics_are_exported_for_prometheus() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("pulse_responses_counted_total"));
    }
}
