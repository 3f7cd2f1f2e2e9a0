package dev.pulse.analytics.results;

import dev.pulse.analytics.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/analytics/rounds/{roundId}/results")
@Tag(name = "results")
@SecurityRequirement(name = "bearer")
public class ResultsResource {

    private final ResultsService results;

    public ResultsResource(ResultsService results) {
        this.results = results;
    }

    @GET
    @RolesAllowed("hr")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Results of a round per unit",
            description = "The unit and its direct children (or, without unit, every unit that has data). A cell "
                    + "with fewer than k respondents is suppressed and carries no numbers.")
    @APIResponse(responseCode = "200", description = "Results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResultsView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Caller lacks the hr role", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown round or unit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResultsView results(@PathParam("roundId") UUID roundId,
                               @Parameter(description = "unit id; the unit and its direct children")
                               @QueryParam("unit") String unit) {
        return results.results(roundId, Optional.ofNullable(unit).filter(u -> !u.isBlank()));
    }
}
