package dev.pulse.analytics.summary;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.access.Viewers;
import dev.pulse.analytics.problem.Problem;
import dev.pulse.analytics.results.Csv;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/analytics/rounds/{roundId}/summary")
@Tag(name = "results")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Viewer.HR, Viewer.MANAGER})
public class SummaryResource {

    static final String WEAKEST = "weakest";
    static final String STRONGEST = "strongest";
    static final String MOVER = "mover";

    private final SummaryService summaries;
    private final Viewers viewers;

    public SummaryResource(SummaryService summaries, Viewers viewers) {
        this.summaries = summaries;
        this.viewers = viewers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Engagement summary of a closed round: weakest and strongest items, units that moved most",
            description = "HR: the whole organisation; a manager: the subtrees they manage. Built only from cells the "
                    + "disclosure rule shows: an item's figure pools its largest shown cells in the caller's area "
                    + "(suppressed parts are left out, not estimated), and an item or unit shown nowhere is absent. "
                    + "weakest: up to 3 lowest means; strongest: up to 3 highest, never an item of weakest (with fewer "
                    + "than 6 items the lists split them). movers: up to 5 units, each with its largest dimension "
                    + "change against the previous closed round (sequence − 1), only where both cells are shown.")
    @APIResponse(responseCode = "200", description = "Summary", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SummaryView.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither hr nor manager", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown round (or a round id that is not a UUID)", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The round is still open, or closed and its last answers are still being counted", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SummaryView summary(@PathParam("roundId") UUID roundId) {
        return summaries.summary(roundId, viewers.current());
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Engagement summary as CSV: one row per listed item or mover, in the order of the JSON lists")
    public String summaryCsv(@PathParam("roundId") UUID roundId) {
        SummaryView view = summary(roundId);
        Csv csv = new Csv("roundId", "list", "rank", "itemId", "dimension", "unitId", "unitPath", "n", "mean",
                "favourable", "previousMean", "delta");
        items(csv, view, WEAKEST, view.weakest());
        items(csv, view, STRONGEST, view.strongest());
        int rank = 1;
        for (SummaryView.Mover m : view.movers()) {
            csv.row(view.roundId(), MOVER, rank++, null, m.dimension(), m.unitId(), m.unitPath(), m.n(), m.mean(), null,
                    m.previousMean(), m.delta());
        }
        return csv.toString();
    }

    private static void items(Csv csv, SummaryView view, String list, List<SummaryView.ItemEntry> items) {
        int rank = 1;
        for (SummaryView.ItemEntry i : items) {
            csv.row(view.roundId(), list, rank++, i.itemId(), i.dimension(), null, null, i.n(), i.mean(), i.favourable(),
                    null, i.delta());
        }
    }
}
