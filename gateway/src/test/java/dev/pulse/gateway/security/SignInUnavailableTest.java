package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import dev.pulse.gateway.support.Upstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * OIDC switched on, but Keycloak unreachable. Runs without Keycloak, and doubles as proof that the
 * anonymous route never consults the browser session: if it did, submissions would fail here too.
 */
@QuarkusTest
@TestProfile(SignInUnavailableTest.KeycloakDown.class)
@WithTestResource(FakeUpstreams.class)
class SignInUnavailableTest {

    public static class KeycloakDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", "http://127.0.0.1:" + unusedPort() + "/realms/pulse");
        }

        private static int unusedPort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void a_submission_succeeds_with_a_session_cookie_even_when_sign_in_is_down() {
        String marker = UUID.randomUUID().toString();
        given().cookie("q_session", "an-old-session").contentType("application/json")
                .body("{\"token\":{\"msg\":\"" + marker + "\"}}").post("/api/responses")
                .then().statusCode(202).header("Set-Cookie", nullValue());

        Map<String, List<String>> headers = Upstream.headers(Upstream.theRequestWith("survey", marker));
        assertThat(headers, not(hasKey("authorization")));
        assertThat(headers, not(hasKey("cookie")));
    }

    @Test
    void a_session_that_cannot_be_checked_is_a_503_problem_not_a_500() {
        given().cookie("q_session", "an-old-session").get("/api/me/rounds").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://pulse.dev/problems/sign-in-unavailable"));
    }

    @Test
    void login_while_sign_in_is_down_is_a_503_problem() {
        given().redirects().follow(false).get("/login").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/sign-in-unavailable"));
    }

    @Test
    void rest_clients_with_their_own_token_do_not_depend_on_sign_in() {
        String marker = UUID.randomUUID().toString();
        given().header("Authorization", "Bearer rest-token").cookie("q_session", "x")
                .get("/api/me/rounds?probe=" + marker).then().statusCode(200);
        assertThat(Upstream.headers(Upstream.theRequestWith("survey", marker)).get("authorization"),
                equalTo(List.of("Bearer rest-token")));
    }
}
