package dev.pulse.analytics.results;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.access.Viewers;
import dev.pulse.analytics.problem.Problem;
import dev.pulse.analytics.problem.ProblemException;
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

@Path("/api/analytics/campaigns/{campaignId}/trends")
@Tag(name = "results")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Viewer.HR, Viewer.MANAGER, Viewer.EMPLOYEE})
public class TrendsResource {

    private final ReportsService reports;
    private final Viewers viewers;

    public TrendsResource(ReportsService reports, Viewers viewers) {
        this.reports = reports;
        this.viewers = viewers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A unit's dimension scores over the closed rounds of a campaign",
            description = "One point per closed round that asked the dimension; suppressed points carry no numbers.")
    @APIResponse(responseCode = "200", description = "Trends", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrendsView.class)))
    @APIResponse(responseCode = "400", description = "unit missing", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The unit is outside the caller's area", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown campaign or unit", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrendsView trends(@PathParam("campaignId") UUID campaignId,
                             @Parameter(description = "unit id (required)") @QueryParam("unit") String unit,
                             @Parameter(description = "dimension id; all dimensions if absent") @QueryParam("dimension")
                             String dimension) {
        if (unit == null || unit.isBlank()) {
            throw ProblemException.badRequest("unit-required", "Unit required",
                    "Name the unit whose trend you want with ?unit=<unitId>.");
        }
        return reports.trends(campaignId, unit, Optional.ofNullable(dimension).filter(d -> !d.isBlank()), viewers.current());
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Trends as CSV")
    public String trendsCsv(@PathParam("campaignId") UUID campaignId, @QueryParam("unit") String unit,
                            @QueryParam("dimension") String dimension) {
        return CsvReports.trends(trends(campaignId, unit, dimension));
    }
}
