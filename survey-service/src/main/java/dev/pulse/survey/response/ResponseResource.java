package dev.pulse.survey.response;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The anonymous route. Anonymity: it takes no credentials and reads nothing about the caller; the
 * gateway strips cookies, Authorization and client addresses before it gets here.
 */
@Path("/api/responses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class ResponseResource {
    private final ResponseService responses;

    public ResponseResource(ResponseService responses) {
        this.responses = responses;
    }

    public record Accepted(String status) {
    }

    @POST
    @Operation(summary = "Submit an anonymous response with a finalized ballot")
    @APIResponse(responseCode = "202", description = "accepted")
    @APIResponse(responseCode = "400", description = "malformed body or invalid answers (nothing stored, ballot unused)")
    @APIResponse(responseCode = "403", description = "signature invalid or key not of this round")
    @APIResponse(responseCode = "409", description = "ballot already used, or round closed")
    public Response submit(SubmittedResponse response) {
        responses.submit(response);
        // Anonymity: the response id is not returned; nothing in the answer lets the client or a proxy tie it to a row.
        return Response.accepted(new Accepted("accepted")).build();
    }
}
