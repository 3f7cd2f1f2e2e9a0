package dev.pulse.survey.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.pulse.survey.directory.Directory;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into RFC 9457 problem+json; client mistakes never become a 500. */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response domain(ProblemException e) {
        return response(e.problem());
    }

    // Exact types and a high priority, so Quarkus' own plain-JSON mappers for these do not win.
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unparsableJson(com.fasterxml.jackson.core.JsonParseException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e) {
        // The parser's message may echo the body back; keep only where it failed.
        String where = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? " at field '" + m.getPathReference().replaceAll(".*\\[\"?", "").replaceAll("\"?]$", "") + "'"
                : "";
        return response(Problem.of("malformed-json", "Malformed request body", 400,
                "The request body is not valid JSON of the expected shape" + where + "."));
    }

    @ServerExceptionMapper
    public Response directoryUnavailable(Directory.DirectoryUnavailableException e) {
        // The cause names an endpoint or a group id at most, never a person; the caller gets no internals.
        LOG.warnf("directory unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "60")
                .entity(Problem.of("directory-unavailable", "Organisation directory unavailable", 503,
                        "The organisation (Keycloak groups) cannot be read right now, and a round never opens with an "
                                + "outdated organisation. Try again in a minute; scheduled rounds open by themselves once it answers."))
                .build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of("forbidden", "Forbidden", 403, "Your role does not allow this request."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e instanceof NotFoundException) {
            return response(Problem.of("not-found", "Not found", 404, "There is no such resource."));
        }
        if (e instanceof NotAllowedException) {
            return response(Problem.of("method-not-allowed", "Method not allowed", 405, "This method is not allowed here."));
        }
        if (e instanceof NotSupportedException) {
            return response(Problem.of("unsupported-media-type", "Unsupported media type", 415, "Send application/json."));
        }
        if (status >= 500) {
            LOG.errorf("request failed with %d: %s", status, e.getClass().getSimpleName());
            return response(Problem.of("internal", "Internal error", 500, "Something went wrong on our side."));
        }
        return response(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                "The request could not be processed."));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return response(Problem.of("internal", "Internal error", 500, "Something went wrong on our side."));
    }

    private static Response unauthorized() {
        return Response.status(401).type(Problem.MEDIA_TYPE).header("WWW-Authenticate", "Bearer")
                .entity(Problem.of("unauthorized", "Login required", 401, "Send a valid bearer token.")).build();
    }
}
