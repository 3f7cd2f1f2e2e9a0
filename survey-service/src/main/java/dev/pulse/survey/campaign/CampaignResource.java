package dev.pulse.survey.campaign;

import dev.pulse.survey.rotation.RotationRule;
import dev.pulse.survey.round.RoundService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Campaign administration for HR. */
@Path("/api/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("hr")
public class CampaignResource {
    private final CampaignService campaigns;
    private final RoundService rounds;

    public CampaignResource(CampaignService campaigns, RoundService rounds) {
        this.campaigns = campaigns;
        this.rounds = rounds;
    }

    public record CampaignView(UUID id, String name, String schedule, String timeZone, String roundDuration,
                               List<String> units, int itemsPerRound, RotationRule rotation, String status, UUID openRoundId,
                               java.time.Instant nextRoundAt) {
    }

    public record OpenedRound(UUID roundId, UUID campaignId) {
    }

    @GET
    @Operation(summary = "All campaigns with their open round, if any")
    @APIResponse(responseCode = "200", description = "campaigns")
    @APIResponse(responseCode = "401", description = "no login")
    @APIResponse(responseCode = "403", description = "not HR")
    public List<CampaignView> list() {
        return campaigns.list().stream().map(this::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign",
            description = "rotation is optional: {\"anchorItems\": [item ids asked every round], \"everyDimensionWithin\": n}; "
                    + "a missing field takes its default (the catalogue's anchor items; every dimension within 3 rounds, "
                    + "or the shortest window the questions per round allow).")
    @APIResponse(responseCode = "201", description = "created; body has the id")
    @APIResponse(responseCode = "400", description = "invalid field, named in the problem's errors")
    public Response create(CampaignService.CampaignRequest request) {
        Campaign created = campaigns.create(request);
        return Response.created(URI.create("/api/campaigns/" + created.id())).entity(view(created)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One campaign")
    @APIResponse(responseCode = "404", description = "unknown campaign")
    public CampaignView get(@PathParam("id") UUID id) {
        return view(campaigns.get(id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a campaign's settings; open rounds keep theirs",
            description = "Replaces every setting, the rotation rule too: a missing rotation means the default one.")
    @APIResponse(responseCode = "200", description = "updated")
    @APIResponse(responseCode = "400", description = "invalid field, named in the problem's errors")
    @APIResponse(responseCode = "404", description = "unknown campaign")
    @APIResponse(responseCode = "409", description = "campaign archived")
    public CampaignView update(@PathParam("id") UUID id, CampaignService.CampaignRequest request) {
        return view(campaigns.update(id, request));
    }

    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause: no scheduled rounds until resumed")
    public CampaignView pause(@PathParam("id") UUID id) {
        return view(campaigns.changeStatus(id, Campaign.Status.PAUSED));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a paused campaign; missed fire times are not caught up")
    @APIResponse(responseCode = "409", description = "campaign archived")
    public CampaignView resume(@PathParam("id") UUID id) {
        return view(campaigns.changeStatus(id, Campaign.Status.ACTIVE));
    }

    @POST
    @Path("/{id}/archive")
    @Operation(summary = "Archive for good; results stay available")
    public CampaignView archive(@PathParam("id") UUID id) {
        return view(campaigns.changeStatus(id, Campaign.Status.ARCHIVED));
    }

    @POST
    @Path("/{id}/rounds")
    @Operation(summary = "Open the campaign's next round now")
    @APIResponse(responseCode = "201", description = "opened; body has the roundId")
    @APIResponse(responseCode = "404", description = "unknown campaign")
    @APIResponse(responseCode = "409", description = "a round is already open, or the target has fewer than k people")
    @APIResponse(responseCode = "503", description = "the directory (Keycloak) cannot be read; nothing was opened, try again")
    public Response openRound(@PathParam("id") UUID id) {
        UUID roundId = campaigns.openRoundNow(id);
        return Response.created(URI.create("/api/rounds/" + roundId + "/keys")).entity(new OpenedRound(roundId, id)).build();
    }

    private CampaignView view(Campaign c) {
        return new CampaignView(c.id(), c.name(), c.schedule(), c.timeZone(), c.roundDuration().toString(), c.units(),
                c.itemsPerRound(), c.rotation(), c.status().name(), rounds.openRoundOf(c.id()),
                c.status() == Campaign.Status.ACTIVE
                        ? dev.pulse.survey.schedule.Schedule.next(c.schedule(), java.time.ZoneId.of(c.timeZone()),
                                java.time.Instant.now()).orElse(null)
                        : null);
    }
}
