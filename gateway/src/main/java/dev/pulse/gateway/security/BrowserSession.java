package dev.pulse.gateway.security;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Backend-for-frontend: a browser holds only the gateway's encrypted, HttpOnly session cookie
 * (quarkus-oidc code flow with PKCE against Keycloak); the gateway turns it into the session's
 * access token for identity-bearing API calls. Tokens therefore never reach browser JavaScript.
 */
@ApplicationScoped
public class BrowserSession {

    /** quarkus-oidc's session cookie of the default tenant, possibly split into {@code _chunk_N} parts. */
    static final String SESSION_COOKIE_PREFIX = "q_session";

    /** True when the caller brings a gateway session and no token of its own. */
    public boolean wantsSessionToken(HttpServerRequest request) {
        // A REST client's own bearer token passes unchanged; it is never swapped for a session's.
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return false;
        }
        return request.cookies().stream().anyMatch(cookie -> cookie.getName().startsWith(SESSION_COOKIE_PREFIX));
    }

    /**
     * The access token of the caller's session, or empty when the session is absent, expired beyond
     * refresh, or unreadable — the upstream then answers 401 and the web app sends the user to /login.
     * Fails when Keycloak cannot be reached to check or refresh the session.
     * Only ever called for identity-bearing routes: resolving a session on the anonymous route would
     * make the gateway (and, on a token refresh, Keycloak) see who is submitting.
     */
    public Uni<Optional<String>> accessToken(RoutingContext rc) {
        // Quarkus would otherwise fail the whole routing context on a failed session lookup; the
        // proxy decides itself (forward without token, or a 503 problem when Keycloak is down).
        rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {
        });
        return QuarkusHttpUser.getSecurityIdentity(rc, null)
                .map(BrowserSession::tokenOf)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(Optional.empty());
    }

    /** The session could not be checked because Keycloak is unreachable (not: the session is bad). */
    public static boolean isProviderUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OIDCException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> tokenOf(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        return Optional.ofNullable(identity.getCredential(AccessTokenCredential.class))
                .map(AccessTokenCredential::getToken);
    }

    /**
     * CSRF guard for cookie-authenticated writes: the session cookie is SameSite=Strict, but a
     * sibling site (another port or subdomain) is still "same-site", so a write that rides on the
     * session must also come from our own origin.
     */
    public static boolean isSameOriginWrite(HttpServerRequest request) {
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        String host = request.getHeader(HttpHeaders.HOST);
        if (origin == null || host == null) {
            return false;
        }
        try {
            URI originUri = URI.create(origin);
            return originUri.getRawAuthority() != null
                    && originUri.getRawAuthority().toLowerCase(Locale.ROOT).equals(host.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }
}
