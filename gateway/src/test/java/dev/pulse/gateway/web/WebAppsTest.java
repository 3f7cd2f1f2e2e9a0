package dev.pulse.gateway.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.pulse.gateway.support.FakeUpstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The web apps (built into web/dist by web/build.sh) are served as files that the CSP allows. */
@QuarkusTest
@WithTestResource(FakeUpstreams.class)
class WebAppsTest {

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_STYLE = Pattern.compile("<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);

    @BeforeEach
    void webAppsBuilt() {
        // A gateway built without node (no web/dist) serves the API only; nothing to check then.
        assumeTrue(getClass().getResource("/META-INF/resources/index.html") != null, "web/dist was not built");
    }

    @Test
    void the_employee_app_and_the_dashboard_are_served_at_their_addresses() {
        given().get("/").then().statusCode(200).body(containsString("/app.js"));
        for (String path : List.of("/hr", "/hr/")) {
            given().get(path).then().statusCode(200).body(containsString("/hr/hr.js"));
        }
        given().get("/app.js").then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void the_pages_need_no_inline_script_or_style_so_the_csp_can_forbid_them() {
        for (String path : List.of("/", "/hr", "/about.html")) {
            String html = given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .extract().asString();
            assertFalse(INLINE_SCRIPT.matcher(html).find(), path + " has an inline script");
            assertFalse(INLINE_STYLE.matcher(html).find(), path + " has an inline style or event handler");
        }
    }
}
