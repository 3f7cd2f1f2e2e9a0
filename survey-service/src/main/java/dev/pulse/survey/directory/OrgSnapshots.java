package dev.pulse.survey.directory;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The organisation as last read from the directory. Campaign validation and key-pool planning use the
 * last good snapshot, refreshed on a schedule; opening a round insists on one read after the opening
 * began, because that one decides who may answer. A failed read never replaces a good snapshot.
 */
@ApplicationScoped
public class OrgSnapshots {
    private static final Logger LOG = Logger.getLogger(OrgSnapshots.class);

    private final Directory directory;
    private final Clock clock;
    private final AtomicReference<Taken> last = new AtomicReference<>();
    private volatile String lastFailure;

    /** A snapshot and when its read began (it is at least as new as that moment). */
    public record Taken(OrgSnapshot org, Instant readAt) {
    }

    @Inject
    public OrgSnapshots(Directory directory) {
        this(directory, Clock.systemUTC());
    }

    OrgSnapshots(Directory directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    /** The last good snapshot; reads the directory if there is none yet. */
    public OrgSnapshot latest() {
        Taken taken = last.get();
        return taken != null ? taken.org() : read().org();
    }

    /**
     * A snapshot whose read began at or after {@code notBefore}: the last one if it is that new (so the
     * rounds due in one scheduler pass share one read), otherwise a fresh read. Never an older one.
     *
     * @throws Directory.DirectoryUnavailableException if the directory cannot be read now
     */
    public OrgSnapshot readSince(Instant notBefore) {
        Taken taken = last.get();
        if (taken != null && !taken.readAt().isBefore(notBefore)) {
            return taken.org();
        }
        return read().org();
    }

    /** The scheduled refresh: true if the directory was read; on failure the last good snapshot stays. */
    public boolean refresh() {
        try {
            Taken taken = read();
            LOG.debugf("directory refreshed: %d units", taken.org().units().size());
            return true;
        } catch (Directory.DirectoryUnavailableException e) {
            // The message names the failing endpoint or group id at most, never a person.
            Taken kept = last.get();
            LOG.warnf("directory refresh failed (%s); %s", e.getMessage(), kept == null
                    ? "there is no earlier snapshot, so campaigns cannot be validated until the directory answers"
                    : "keeping the snapshot read at " + kept.readAt() + " (" + kept.org().units().size() + " units)");
            return false;
        }
    }

    /** How old the last good snapshot is, empty if there is none. */
    public Optional<Duration> age() {
        Taken taken = last.get();
        return taken == null ? Optional.empty() : Optional.of(Duration.between(taken.readAt(), clock.instant()));
    }

    public Optional<Taken> last() {
        return Optional.ofNullable(last.get());
    }

    /** Why the last read failed, or empty if it succeeded. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private Taken read() {
        Instant began = clock.instant();
        OrgSnapshot org;
        try {
            org = directory.snapshot();
        } catch (Directory.DirectoryUnavailableException e) {
            lastFailure = e.getMessage();
            throw e;
        }
        if (org.units().isEmpty()) {
            // A realm without groups is a misconfiguration or a half-started Keycloak, never an organisation to use.
            lastFailure = "the directory returned no groups";
            throw new Directory.DirectoryUnavailableException("the directory returned no groups", null);
        }
        Taken taken = new Taken(org, began);
        last.accumulateAndGet(taken, (kept, fresh) -> kept == null || fresh.readAt().isAfter(kept.readAt()) ? fresh : kept);
        lastFailure = null;
        return taken;
    }
}
