package dev.pulse.survey.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/** Thrown by the domain to end a request with a problem the caller can act on. */
public class ProblemException extends RuntimeException {
    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Invalid request", 400, detail));
    }

    /** A 400 that names the offending field, so forms can show the message next to it. */
    public static ProblemException invalidField(String field, String message) {
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put(field, message);
        return new ProblemException(Problem.of("invalid-field", "Invalid request", 400, field + ": " + message)
                .withErrors(errors));
    }

    public static ProblemException notFound(String slug, String detail) {
        return new ProblemException(Problem.of(slug, "Not found", 404, detail));
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(Problem.of(slug, title, 409, detail));
    }

    public static ProblemException forbidden(String slug, String title, String detail) {
        return new ProblemException(Problem.of(slug, title, 403, detail));
    }
}
