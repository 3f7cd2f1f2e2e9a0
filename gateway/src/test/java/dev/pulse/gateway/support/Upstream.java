package dev.pulse.gateway.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.path.json.JsonPath;

/** Reads what a fake upstream recorded, from the test side. */
public final class Upstream {

    private Upstream() {
    }

    public static String url(String name) {
        return ConfigProvider.getConfig().getValue("pulse.gateway.proxy." + name + ".url", String.class);
    }

    public static List<Map<String, Object>> requests(String name) {
        return given().baseUri(url(name)).port(-1).basePath("").get("/__requests")
                .then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The one recorded request whose body, path or query contains the marker. */
    public static Optional<JsonPath> requestWith(String name, String marker) {
        JsonPath all = given().baseUri(url(name)).port(-1).basePath("").get("/__requests")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> list = all.getList("$");
        for (int i = 0; i < list.size(); i++) {
            Map<String, Object> request = list.get(i);
            String haystack = request.get("body") + " " + request.get("path") + " " + request.get("query");
            if (haystack.contains(marker)) {
                return Optional.of(new JsonPath(Json.write(request)));
            }
        }
        return Optional.empty();
    }

    public static JsonPath theRequestWith(String name, String marker) {
        return requestWith(name, marker).orElseThrow(
                () -> new AssertionError(name + " never received a request containing " + marker));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, List<String>> headers(JsonPath request) {
        return (Map<String, List<String>>) (Map<?, ?>) request.getMap("headers");
    }
}
