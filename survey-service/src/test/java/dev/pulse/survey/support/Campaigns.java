package dev.pulse.survey.support;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.stream.Collectors;

/** Creating campaigns and opening rounds as the hr user, for tests that need an open round. */
public final class Campaigns {
    private Campaigns() {
    }

    public static String create(String name, List<String> units, int items) {
        String body = "{\"name\":\"" + name + "\",\"schedule\":\"0 0 9 ? * MON\",\"timeZone\":\"Europe/Berlin\","
                + "\"roundDuration\":\"P5D\",\"units\":[" + units.stream().map(u -> "\"" + u + "\"")
                .collect(Collectors.joining(",")) + "],\"itemsPerRound\":" + items + "}";
        return given().header("Authorization", Keycloak.bearer("hr")).contentType("application/json").body(body)
                .post("/api/campaigns").then().statusCode(201).extract().path("id");
    }

    public static String openRound(String campaignId) {
        return given().header("Authorization", Keycloak.bearer("hr"))
                .post("/api/campaigns/" + campaignId + "/rounds").then().statusCode(201).extract().path("roundId");
    }
}
