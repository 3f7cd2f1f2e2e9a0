package dev.pulse.analytics.problem;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that fail on purpose, to pin down how failures are rendered. */
@Path("/test-only/problems")
public class ProblemProbeResource {

    public record Body(String name, int count) {
    }

    @GET
    @Path("/crash")
    public String crash() {
        throw new IllegalStateException("SELECT secret FROM internals");
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    public Body echo(Body body) {
        return body;
    }
}
