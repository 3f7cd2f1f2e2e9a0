package dev.pulse.analytics.access;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Builds the {@link Viewer} of the current request from the validated access token. */
@ApplicationScoped
public class Viewers {

    static final String MANAGES_CLAIM = "manages";
    static final String GROUPS_CLAIM = "groups";

    private final SecurityIdentity identity;

    public Viewers(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Viewer current() {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Viewer.of(identity.getRoles(), List.of(), List.of());
        }
        return Viewer.of(identity.getRoles(), strings(token.getClaim(MANAGES_CLAIM)), strings(token.getClaim(GROUPS_CLAIM)));
    }

    private static List<String> strings(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Viewers::text).toList();
        }
        return claim == null ? List.of() : List.of(text(claim));
    }

    /** JSON-P string values print with quotes; their content is what counts. */
    private static String text(Object value) {
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
