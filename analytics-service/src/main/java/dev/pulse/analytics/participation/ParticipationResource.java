package dev.pulse.analytics.participation;

import dev.pulse.analytics.access.Viewer;
import dev.pulse.analytics.access.Viewers;
import dev.pulse.analytics.aggregate.AggregateStore;
import dev.pulse.analytics.disclosure.DisclosurePolicy;
import dev.pulse.analytics.problem.Problem;
import dev.pulse.analytics.problem.ProblemException;
import dev.pulse.analytics.results.Csv;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.contracts.RoundEvent;
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

@Path("/api/analytics/rounds/{roundId}/participation")
@Tag(name = "participation")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Viewer.HR, Viewer.MANAGER})
public class ParticipationResource {

    private final RoundStore rounds;
    private final AggregateStore aggregates;
    private final DisclosurePolicy policy;
    private final Viewers viewers;

    public ParticipationResource(RoundStore rounds, AggregateStore aggregates, DisclosurePolicy policy, Viewers viewers) {
        this.rounds = rounds;
        this.aggregates = aggregates;
        this.policy = policy;
        this.viewers = viewers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Participation per unit",
            description = "eligible, responded and rate per unit, only for units with at least k eligible people; "
                    + "a manager sees the subtrees they manage. Available while the round is open.")
    @APIResponse(responseCode = "200", description = "Participation", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Participation.View.class)))
    @APIResponse(responseCode = "401", description = "No or invalid bearer token", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Neither hr nor manager", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown round", content = @Content(
            mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Participation.View participation(@PathParam("roundId") UUID roundId) {
        RoundEvent round = rounds.find(roundId).orElseThrow(() -> ProblemException.notFound("round-not-found",
                "Unknown round", "There is no round with this id (yet); check the id or wait until the round is published."));
        var k = policy.forRound(round.minGroupSize());
        Viewer viewer = viewers.current();
        var byId = round.units().stream().collect(java.util.stream.Collectors.toMap(RoundEvent.Unit::unitId, u -> u));
        List<Participation.Row> rows = Participation.rows(round, aggregates.load(roundId), k).stream()
                .filter(r -> viewer.maySee(byId.get(r.unitId()))).toList();
        return new Participation.View(roundId, round.status().name(), k.value(), rows);
    }

    @GET
    @Produces(Csv.MEDIA_TYPE)
    @Operation(summary = "Participation per unit as CSV")
    public String participationCsv(@PathParam("roundId") UUID roundId) {
        Csv csv = new Csv("unitId", "unitPath", "eligible", "responded", "rate");
        participation(roundId).units().forEach(r -> csv.row(r.unitId(), r.unitPath(), r.eligible(), r.responded(), r.rate()));
        return csv.toString();
    }
}
