package dev.pulse.analytics.results;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.access.Viewers;
import dev.pulse.analytics.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/analytics/rounds/{roundId}/heatmap")
@Tag(name = "results")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Viewer.HR, Viewer.MANAGER})
public class HeatmapResource {

    private final ReportsService reports;
    private final Viewers viewers;

    public HeatmapResource(ReportsService reports, Viewers viewers) {
        this.reports = reports;
        this.viewers = viewers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Units × dimensions of a closed round",
            description = "Every unit with data the caller may see, one dimension cell each; suppressed cells carry no numbers.")
    @APIResponse(responseCode = "200", description = "Heatmap", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = HeatmapView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither hr nor manager", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown round", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The round is still open, or closed and its last answers are still being counted", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response heatmap(@PathParam("roundId") UUID roundId,
                            @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        boolean gzip = Gzip.accepted(acceptEncoding);
        Response.ResponseBuilder response = Response.ok(reports.heatmapJson(roundId, viewers.current(), gzip),
                MediaType.APPLICATION_JSON).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return gzip ? response.header(HttpHeaders.CONTENT_ENCODING, Gzip.ENCODING).build() : response.build();
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Heatmap as CSV: one row per unit, the mean score per dimension, or suppressed")
    public String heatmapCsv(@PathParam("roundId") UUID roundId) {
        return CsvReports.heatmap(reports.heatmap(roundId, viewers.current()));
    }
}
