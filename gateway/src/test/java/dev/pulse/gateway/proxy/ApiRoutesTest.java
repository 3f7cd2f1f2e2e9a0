package dev.pulse.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiRoutesTest {

    private final ApiRoutes routes = new ApiRoutes(Set.of("me", "rounds", "responses", "campaigns"));

    @ParameterizedTest
    @ValueSource(strings = {"/api/responses", "/api/responses/", "//api//responses", "/api/responses///"})
    void every_spelling_of_the_submission_path_is_the_anonymous_route(String path) {
        ApiRoute route = routes.resolve(path);
        assertEquals(ApiRoute.Kind.ANONYMOUS_SUBMISSION, route.kind());
        assertEquals("/api/responses", route.upstreamPath());
        assertEquals(Optional.of(Destination.SURVEY), route.destination());
    }

    @ParameterizedTest
    @CsvSource({
            "/api/analytics/rounds/r1/results, ANALYTICS, /api/analytics/rounds/r1/results",
            "/api/analytics, ANALYTICS, /api/analytics",
            "//api/analytics//campaigns/c1/trends/, ANALYTICS, /api/analytics/campaigns/c1/trends",
            "/api/rounds/r1/ballots, SURVEY, /api/rounds/r1/ballots",
            "/api/me/rounds, SURVEY, /api/me/rounds",
            "/api/campaigns, SURVEY, /api/campaigns",
            "/api/responses/extra, SURVEY, /api/responses/extra"})
    void identity_routes_go_to_their_service_under_their_canonical_path(String path, Destination to, String upstreamPath) {
        ApiRoute route = routes.resolve(path);
        assertEquals(ApiRoute.Kind.IDENTITY, route.kind());
        assertEquals(Optional.of(to), route.destination());
        assertEquals(upstreamPath, route.upstreamPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/unknown", "/api/analyticsx", "/api/rounds%2Fx",
            "/api/responses%2F", "/api/me;x=1", "/api/responses;x=1", "/api\\responses", "/api/Responses"})
    void anything_else_under_api_is_unknown(String path) {
        assertEquals(ApiRoute.Kind.UNKNOWN, routes.resolve(path).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/responses/extra", "/api/responsesx", "/api/rounds/responses"})
    void paths_that_only_resemble_the_submission_path_are_not_the_anonymous_route(String path) {
        assertTrue(routes.resolve(path).kind() != ApiRoute.Kind.ANONYMOUS_SUBMISSION);
    }
}
