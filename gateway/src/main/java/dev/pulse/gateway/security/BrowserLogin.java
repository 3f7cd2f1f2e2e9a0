package dev.pulse.gateway.security;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.pulse.gateway.problem.Problem;
import dev.pulse.gateway.problem.ProblemResponses;
import dev.pulse.gateway.problem.ProblemType;
import io.vertx.ext.web.Router;

/**
 * {@code /login}: protected by the "authenticated" policy, so an anonymous browser is sent through
 * Keycloak's code flow (with PKCE) and comes back here with a session; then on to the web app.
 * {@code /logout} is handled by quarkus-oidc itself (RP-initiated logout).
 */
@ApplicationScoped
public class BrowserLogin {

    static final String LOGIN_PATH = "/login";
    static final String LOGOUT_PATH = "/logout";
    static final String AFTER_LOGIN = "/";

    void install(@Observes Router router) {
        // A fixed target: a redirect taken from the request would be an open redirect.
        router.get(LOGIN_PATH).handler(rc -> rc.redirect(AFTER_LOGIN));
        router.routeWithRegex(LOGIN_PATH + "|" + LOGOUT_PATH).failureHandler(rc -> {
            if (rc.failure() != null && BrowserSession.isProviderUnavailable(rc.failure())) {
                ProblemResponses.send(rc.response(), Problem.retryable(ProblemType.SIGN_IN_UNAVAILABLE,
                        "The sign-in service is unreachable. Retry after the time given in Retry-After.",
                        Duration.ofSeconds(10)));
            } else {
                rc.next();
            }
        });
    }
}
