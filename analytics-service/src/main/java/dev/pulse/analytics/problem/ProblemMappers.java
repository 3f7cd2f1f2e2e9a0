package dev.pulse.analytics.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json}. Anything not mapped
 * here explicitly is a 500 whose body says nothing about the cause; the cause goes to the log only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of("unauthorized", "Authentication required", 401,
                        "Send a valid bearer access token from the pulse realm in the Authorization header."), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Not allowed", 403,
                "Your account does not have a role that may see this; ask HR for access."), uri);
    }

    @ServerExceptionMapper({JsonProcessingException.class, MismatchedInputException.class})
    public Response unreadableJson(Exception e, UriInfo uri) {
        return respond(Problem.of("malformed-json", "Malformed JSON", 400,
                "The request body is not valid JSON of the expected shape."), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 400 && causedByJson(e)) {
            return unreadableJson(e, uri);
        }
        if (status >= 500) {
            return internal(e, uri);
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "Request failed" : type.getReasonPhrase();
        String slug = switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
        String detail = switch (status) {
            case 404 -> "There is nothing at this address; check the path and the ids in it.";
            case 405 -> "This address does not support that HTTP method.";
            case 406 -> "This resource cannot be returned in the requested media type.";
            case 415 -> "Send the request body in a supported media type.";
            default -> "The request could not be processed as sent.";
        };
        return respond(Problem.of(slug, title, status, detail), uri);
    }

    @ServerExceptionMapper
    public Response internal(Throwable e, UriInfo uri) {
        LOG.errorf(e, "unexpected failure serving %s", uri.getPath());
        return respond(Problem.of("internal-error", "Internal error", 500,
                "Something went wrong on our side; try again later. If it persists, tell the operators."), uri);
    }

    private static boolean causedByJson(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.at(uri.getPath())).build();
    }
}
