package dev.pulse.analytics.problem;

/** A failure the caller can act on; rendered as {@link Problem} by {@link ProblemMappers}. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(String slug, String title, int status, String detail) {
        super(detail, null, false, false);
        this.problem = Problem.of(slug, title, status, detail);
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String slug, String title, String detail) {
        return new ProblemException(slug, title, 404, detail);
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(slug, title, 409, detail);
    }

    public static ProblemException forbidden(String slug, String title, String detail) {
        return new ProblemException(slug, title, 403, detail);
    }

    public static ProblemException badRequest(String slug, String title, String detail) {
        return new ProblemException(slug, title, 400, detail);
    }
}
