package dev.pulse.survey.catalogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CatalogueResourceTest {
    @Test
    void dimensions_and_items_come_in_the_callers_language_with_english_as_fallback() {
        given().header("Accept-Language", "de-DE,de;q=0.9").get("/api/catalogue/dimensions").then().statusCode(200)
                .body("$", hasSize(8)).body("find { it.id == 'roles' }.label", equalTo("Klare Rollen"));
        given().header("Accept-Language", "fr").get("/api/catalogue/items").then().statusCode(200)
                .body("find { it.id == 'roles-1-v1' }.text", equalTo("I know who decides about changes in my area."));
        given().get("/api/catalogue/items").then().statusCode(200).body("find { it.id == 'usage-2-v1' }.reverse", equalTo(true));
    }
}
