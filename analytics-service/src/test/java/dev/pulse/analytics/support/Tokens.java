package dev.pulse.analytics.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm pulse, public client pulse-cli, password = user name). */
public final class Tokens {

    private static final String TOKEN_URL = "http://127.0.0.1:8180/realms/pulse/protocol/openid-connect/token";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(String user) {
        return CACHE.computeIfAbsent(user, u -> given()
                .formParams(Map.of("grant_type", "password", "client_id", "pulse-cli", "username", u, "password", u))
                .post(TOKEN_URL)
                .then().statusCode(200)
                .extract().path("access_token"));
    }
}
