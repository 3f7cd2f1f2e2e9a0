package dev.pulse.survey.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real access tokens from the local Keycloak (realm pulse, client pulse-cli, password = user name). */
public final class Keycloak {
    private static final String TOKEN_URL = "http://127.0.0.1:8180/realms/pulse/protocol/openid-connect/token";
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Keycloak() {
    }

    public static String token(String user) {
        return CACHE.computeIfAbsent(user, u -> given().formParam("grant_type", "password")
                .formParam("client_id", "pulse-cli").formParam("username", u).formParam("password", u)
                .post(TOKEN_URL).then().statusCode(200).extract().path("access_token"));
    }

    public static String bearer(String user) {
        return "Bearer " + token(user);
    }
}
