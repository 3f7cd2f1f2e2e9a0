package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** %test: three ballot requests per subject, practically no refill. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class BallotRateLimitTest {

    private static String jwtFor(String subject) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"" + subject + "\",\"jti\":\"" + UUID.randomUUID() + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                + ".c2lnbmF0dXJl";
    }

    private static io.restassured.response.Response askForBallot(String token) {
        return given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body("{\"blindedMsg\":\"AAAA\"}").post("/api/rounds/r-1/ballots");
    }

    @Test
    void ballot_requests_are_rate_limited_per_bearer_subject_not_per_ip() {
        String alice = "alice-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            // a fresh token each time: the limit follows the person, not the token string
            askForBallot(jwtFor(alice)).then().statusCode(200);
        }
        askForBallot(jwtFor(alice)).then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://pulse.dev/problems/rate-limited"))
                .body("status", equalTo(429));

        // same client address, another person: unaffected
        askForBallot(jwtFor("bob-" + UUID.randomUUID())).then().statusCode(200);
    }

    @Test
    void opaque_tokens_are_limited_per_token() {
        String opaque = "opaque-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            askForBallot(opaque).then().statusCode(200);
        }
        askForBallot(opaque).then().statusCode(429);
        askForBallot("opaque-" + UUID.randomUUID()).then().statusCode(200);
    }

    @Test
    void other_routes_are_not_limited_by_the_ballot_budget() {
        String carol = jwtFor("carol-" + UUID.randomUUID());
        for (int i = 0; i < 6; i++) {
            given().header("Authorization", "Bearer " + carol).get("/api/me/rounds").then().statusCode(200);
        }
    }
}
