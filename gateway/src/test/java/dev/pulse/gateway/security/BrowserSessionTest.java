package dev.pulse.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import dev.pulse.gateway.support.FakeUpstreams;
import dev.pulse.gateway.support.Upstream;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The browser side of the gateway against the real Keycloak of the local stack (./pulse infra up).
 * Skipped when Keycloak's pulse realm is not reachable on 127.0.0.1:8180.
 *
 * pulse-web only accepts redirect URIs on the gateway's public address (127.0.0.1:8080), so the
 * test talks to the test instance on its random port while presenting that public Host.
 */
@QuarkusTest
@TestProfile(BrowserSessionTest.WithKeycloak.class)
@WithTestResource(FakeUpstreams.class)
@EnabledIf("keycloakIsRunning")
class BrowserSessionTest {

    /** The local stack's realm; {@code -Dpulse.test.keycloak-realm=...} points elsewhere (or nowhere). */
    private static final String KEYCLOAK_REALM = System.getProperty("pulse.test.keycloak-realm",
            "http://127.0.0.1:8180/realms/pulse");
    private static final String PUBLIC_AUTHORITY = "127.0.0.1:8080";
    private static final String USER = "emp001";

    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.auth-server-url", KEYCLOAK_REALM);
        }
    }

    static boolean keycloakIsRunning() {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(KEYCLOAK_REALM + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception unreachable) {
            return false;
        }
    }

    private static RequestSpecification asBrowser(Map<String, String> cookies) {
        return given().redirects().follow(false).urlEncodingEnabled(false)
                .header("Host", PUBLIC_AUTHORITY).cookies(cookies);
    }

    /** Code flow as a browser does it: gateway → Keycloak login form → back to the gateway. */
    private static Login login(String user) {
        Response start = asBrowser(Map.of()).get("/login");
        assertEquals(302, start.statusCode());
        String authorize = start.header("Location");

        Response form = given().redirects().follow(false).urlEncodingEnabled(false).get(authorize);
        assertEquals(200, form.statusCode(), "Keycloak login page");
        Matcher action = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"|action=\"([^\"]+)\"[^>]*id=\"kc-form-login\"")
                .matcher(form.body().asString());
        assertTrue(action.find(), "login form found");
        String actionUrl = (action.group(1) != null ? action.group(1) : action.group(2)).replace("&amp;", "&");

        Response credentials = given().redirects().follow(false).urlEncodingEnabled(true)
                .cookies(form.getCookies())
                .formParam("username", user).formParam("password", user).formParam("credentialId", "")
                .post(URI.create(actionUrl));
        assertEquals(302, credentials.statusCode(), "Keycloak accepted the credentials");
        URI back = URI.create(credentials.header("Location"));
        assertEquals(PUBLIC_AUTHORITY, back.getRawAuthority());

        Response completed = asBrowser(start.getCookies()).get(back.getRawPath() + "?" + back.getRawQuery());
        Map<String, String> session = new HashMap<>();
        completed.getDetailedCookies().asList().stream()
                .filter(cookie -> cookie.getName().startsWith("q_session"))
                .forEach(cookie -> session.put(cookie.getName(), cookie.getValue()));
        assertFalse(session.isEmpty(), "session cookie set; status " + completed.statusCode());
        return new Login(authorize, completed, session);
    }

    private record Login(String authorizeUrl, Response completed, Map<String, String> sessionCookies) {
    }

    private static String claim(String jwt, String name) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(payload);
        return value.find() ? value.group(1) : null;
    }

    @Test
    void a_browser_login_runs_the_code_flow_with_pkce_s256_and_sets_a_strict_http_only_session_cookie() {
        Login login = login(USER);

        assertThat(login.authorizeUrl(), startsWith(KEYCLOAK_REALM + "/protocol/openid-connect/auth"));
        assertThat(login.authorizeUrl(), containsString("client_id=pulse-web"));
        assertThat(login.authorizeUrl(), containsString("code_challenge_method=S256"));
        assertThat(login.authorizeUrl(), containsString("code_challenge="));
        assertThat(login.authorizeUrl(), containsString("redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Flogin"));
        for (Cookie cookie : login.completed().getDetailedCookies().asList()) {
            if (cookie.getName().startsWith("q_session")) {
                assertTrue(cookie.isHttpOnly(), cookie.getName() + " HttpOnly");
                assertEquals("Strict", cookie.getSameSite(), cookie.getName() + " SameSite");
                // local stack: plain HTTP on loopback, so not Secure (PULSE_SECURE_TRANSPORT=false in %test)
                assertFalse(cookie.isSecured(), cookie.getName() + " Secure");
            }
        }
        // and the session is good for the browser pages
        asBrowser(login.sessionCookies()).get("/login").then().statusCode(302).header("Location", "/");
    }

    @Test
    void a_browser_session_is_forwarded_as_the_sessions_bearer_token_on_identity_routes() {
        Login login = login(USER);
        String marker = UUID.randomUUID().toString();
        asBrowser(login.sessionCookies()).get("/api/me/rounds?probe=" + marker).then().statusCode(200);

        Map<String, List<String>> headers = Upstream.headers(Upstream.theRequestWith("survey", marker));
        String authorization = headers.get("authorization").get(0);
        assertThat(authorization, startsWith("Bearer "));
        String token = authorization.substring("Bearer ".length());
        assertEquals("pulse-web", claim(token, "azp"));
        assertEquals(USER, claim(token, "preferred_username"));
        assertThat(headers, not(hasKey("cookie")));
    }

    @Test
    void a_rest_clients_bearer_token_passes_through_unchanged_even_with_a_session() {
        Login login = login(USER);
        String marker = UUID.randomUUID().toString();
        asBrowser(login.sessionCookies()).header("Authorization", "Bearer rest-client-token")
                .get("/api/me/rounds?probe=" + marker).then().statusCode(200);

        assertThat(Upstream.headers(Upstream.theRequestWith("survey", marker)).get("authorization"),
                equalTo(List.of("Bearer rest-client-token")));
    }

    @Test
    void a_browser_session_never_reaches_the_anonymous_route() {
        Login login = login(USER);
        String marker = UUID.randomUUID().toString();
        asBrowser(login.sessionCookies()).header("Origin", "http://" + PUBLIC_AUTHORITY)
                .contentType("application/json").body("{\"token\":{\"msg\":\"" + marker + "\"}}")
                .post("/api/responses")
                .then().statusCode(202).header("Set-Cookie", nullValue());

        Map<String, List<String>> headers = Upstream.headers(Upstream.theRequestWith("survey", marker));
        assertThat(headers, not(hasKey("authorization")));
        assertThat(headers, not(hasKey("cookie")));
    }

    @Test
    void a_write_riding_on_the_session_must_come_from_our_own_origin() {
        Login login = login(USER);
        String marker = UUID.randomUUID().toString();
        asBrowser(login.sessionCookies()).header("Origin", "http://127.0.0.1:3000")
                .contentType("application/json").body("{\"name\":\"" + marker + "\"}").post("/api/campaigns")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://pulse.dev/problems/cross-origin-write"));
        assertTrue(Upstream.requestWith("survey", marker).isEmpty());

        asBrowser(login.sessionCookies()).header("Origin", "http://" + PUBLIC_AUTHORITY)
                .contentType("application/json").body("{\"name\":\"" + marker + "\"}").post("/api/campaigns")
                .then().statusCode(200);
        assertThat(Upstream.headers(Upstream.theRequestWith("survey", marker)).get("authorization").get(0),
                startsWith("Bearer ey"));
    }

    @Test
    void an_api_call_without_a_session_is_forwarded_without_credentials_not_redirected_to_keycloak() {
        String marker = UUID.randomUUID().toString();
        asBrowser(Map.of()).get("/api/me/rounds?probe=" + marker).then().statusCode(200);
        assertThat(Upstream.headers(Upstream.theRequestWith("survey", marker)), not(hasKey("authorization")));
    }

    @Test
    void browser_ballot_requests_are_limited_per_person_not_shared_by_all_browsers() {
        Login login = login(USER);
        for (int i = 0; i < 3; i++) {
            asBrowser(login.sessionCookies()).header("Origin", "http://" + PUBLIC_AUTHORITY)
                    .contentType("application/json").body("{}").post("/api/rounds/r-1/ballots").then().statusCode(200);
        }
        asBrowser(login.sessionCookies()).header("Origin", "http://" + PUBLIC_AUTHORITY)
                .contentType("application/json").body("{}").post("/api/rounds/r-1/ballots").then().statusCode(429);
        // a REST client without any credentials has its own budget
        given().contentType("application/json").body("{}").post("/api/rounds/r-1/ballots")
                .then().statusCode(not(429));
    }
}
