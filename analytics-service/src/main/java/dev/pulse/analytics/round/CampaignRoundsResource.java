package dev.pulse.analytics.round;

import dev.pulse.analytics.access.Viewer;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/analytics/campaigns/{campaignId}/rounds")
@Tag(name = "rounds")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Viewer.HR, Viewer.MANAGER})
public class CampaignRoundsResource {

    private final RoundStore rounds;

    public CampaignRoundsResource(RoundStore rounds) {
        this.rounds = rounds;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rounds of a campaign, newest first",
            description = "Every round analytics knows from pulse.rounds, open and closed, with the round-level times "
                    + "of the round event. A campaign analytics has no round of (unknown, or none published yet) "
                    + "answers 200 with an empty list: the two cannot be told apart here.")
    @APIResponse(responseCode = "200", description = "Rounds, newest (highest sequence) first; empty for an unknown campaign",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = CampaignRound.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither hr nor manager", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "The campaign id is not a UUID", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<CampaignRound> rounds(@PathParam("campaignId") UUID campaignId) {
        return rounds.listByCampaign(campaignId);
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "The rounds of a campaign as CSV, newest first")
    public String roundsCsv(@PathParam("campaignId") UUID campaignId) {
        Csv csv = new Csv("roundId", "sequence", "status", "openedAt", "closesAt", "closedAt");
        rounds(campaignId).forEach(r -> csv.row(r.roundId(), r.sequence(), r.status(), r.openedAt(), r.closesAt(),
                r.closedAt()));
        return csv.toString();
    }
}
