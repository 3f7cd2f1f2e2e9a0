package dev.pulse.analytics.results;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.access.Viewers;
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
    private final Viewers viewers;

    public ResultsResource(ResultsService results, Viewers viewers) {
        this.results = results;
        this.viewers = viewers;
    }

    @GET
    @RolesAllowed({Viewer.HR, Viewer.MANAGER, Viewer.EMPLOYEE})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Results of a closed round per unit, item and dimension",
            description = "The unit and its direct children (without unit: every unit that has data). HR sees every "
                    + "unit, a manager the subtrees they manage, an employee their own unit. A cell with fewer than k "
                    + "respondents, or one that would let such a group be worked out by differencing, is suppressed "
                    + "and carries no numbers.")
    @APIResponse(responseCode = "200", description = "Results", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ResultsView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The unit is outside the caller's area", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown round or unit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The round is still open, or closed and its last answers are still being counted", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResultsView results(@PathParam("roundId") UUID roundId,
                               @Parameter(description = "unit id; the unit and its direct children")
                               @QueryParam("unit") String unit) {
        return results.results(roundId, Optional.ofNullable(unit).filter(u -> !u.isBlank()), viewers.current());
    }

    @GET
    @RolesAllowed({Viewer.HR, Viewer.MANAGER, Viewer.EMPLOYEE})
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Results of a closed round as CSV", description = "The same cells as the JSON; a suppressed "
            + "cell says suppressed and has no numbers.")
    public String resultsCsv(@PathParam("roundId") UUID roundId, @QueryParam("unit") String unit) {
        return CsvReports.results(results(roundId, unit));
    }
}
