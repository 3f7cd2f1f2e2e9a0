package dev.pulse.survey.round;

import dev.pulse.survey.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/rounds/{roundId}")
@Produces(MediaType.APPLICATION_JSON)
public class RoundResource {
    private final RoundService rounds;

    public RoundResource(RoundService rounds) {
        this.rounds = rounds;
    }

    public record Closed(UUID roundId, String status) {
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(summary = "Public keys of a round, one per reporting unit",
            description = "Clients check that their key is listed and that there is exactly one key per unit, "
                    + "so the server cannot hand a person a personal key.")
    @APIResponse(responseCode = "200", description = "keyId, unitId, unitPath, publicKey (SPKI DER, base64url)")
    @APIResponse(responseCode = "404", description = "unknown round", content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = Problem.MEDIA_TYPE))
    public List<RoundService.KeyView> keys(@PathParam("roundId") UUID roundId) {
        return rounds.keys(roundId);
    }

    @POST
    @Path("/close")
    @RolesAllowed("hr")
    @Operation(summary = "Close a round now; its results become visible")
    @APIResponse(responseCode = "200", description = "closed")
    @APIResponse(responseCode = "404", description = "unknown round")
    @APIResponse(responseCode = "409", description = "round already closed")
    public Closed close(@PathParam("roundId") UUID roundId) {
        rounds.close(roundId, Instant.now());
        return new Closed(roundId, "CLOSED");
    }
}
