package dev.pulse.deploy;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Addresses of the running local stack (deploy/local/stack.env), read from the environment with local defaults. */
final class Stack {
    static final String HOST = env("PULSE_HOST", "127.0.0.1");
    static final String GATEWAY = "http://" + HOST + ":" + env("GATEWAY_PORT", "8080");
    static final String KEYCLOAK = "http://" + HOST + ":" + env("KEYCLOAK_PORT", "8180");
    static final String KAFKA = HOST + ":" + env("KAFKA_PORT", "9092");
    static final String SURVEY_JDBC = "jdbc:postgresql://" + HOST + ":" + env("POSTGRES_PORT", "5433") + "/" + env("SURVEY_DB", "surveydb");
    static final String SURVEY_DB_USER = env("SURVEY_DB_USER", "survey");
    static final String SURVEY_DB_PASSWORD = env("SURVEY_DB_PASSWORD", "survey");
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private Stack() {
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A real access token for a demo user through Keycloak's pulse-cli client (password = user name). */
    static String token(String user) {
        return TOKENS.computeIfAbsent(user, u -> given().formParam("grant_type", "password")
                .formParam("client_id", "pulse-cli").formParam("username", u).formParam("password", u)
                .post(KEYCLOAK + "/realms/pulse/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token"));
    }

    static String bearer(String user) {
        return "Bearer " + token(user);
    }
}
