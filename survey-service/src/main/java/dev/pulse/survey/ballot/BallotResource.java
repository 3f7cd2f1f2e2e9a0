package dev.pulse.survey.ballot;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/rounds/{roundId}/ballots")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class BallotResource {
    private final BallotService ballots;
    private final JsonWebToken jwt;

    public BallotResource(BallotService ballots, JsonWebToken jwt) {
        this.ballots = ballots;
        this.jwt = jwt;
    }

    public record BallotRequest(String blindedMsg) {
    }

    @POST
    @Operation(summary = "Get the blind signature for your ballot (once per round)")
    @APIResponse(responseCode = "200", description = "keyId and blindSig (base64url)")
    @APIResponse(responseCode = "400", description = "blindedMsg missing or malformed")
    @APIResponse(responseCode = "403", description = "not eligible for this round")
    @APIResponse(responseCode = "404", description = "unknown round")
    @APIResponse(responseCode = "409", description = "ballot already issued, or round not open")
    public BallotService.Ballot issue(@PathParam("roundId") UUID roundId, BallotRequest request) {
        return ballots.issue(roundId, jwt.getSubject(), request == null ? null : request.blindedMsg());
    }
}
