package dev.pulse.survey.outbox;

import dev.pulse.survey.config.PulseConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/** Runs the relay in one background thread: drains while there is work, pauses when idle or failing. */
@ApplicationScoped
public class OutboxPump {
    private static final Logger LOG = Logger.getLogger(OutboxPump.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final OutboxRelay relay;
    private final Duration idlePause;
    private final boolean enabled;
    private volatile boolean running;
    private Thread thread;

    public OutboxPump(OutboxRelay relay, PulseConfig config) {
        this.relay = relay;
        this.idlePause = config.outbox().idlePause();
        this.enabled = config.outbox().enabled();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(this::loop);
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void loop() {
        Duration backoff = idlePause;
        while (running) {
            try {
                int sent = relay.relayOnce();
                backoff = idlePause;
                if (sent == 0) {
                    Thread.sleep(idlePause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Rows stay in the outbox; intake goes on accepting. Log the cause class only, never payloads.
                LOG.warnf("outbox relay failed (%s: %s); retrying in %s", e.getClass().getSimpleName(),
                        String.valueOf(e.getMessage()).lines().findFirst().orElse(""), backoff);
                sleepQuietly(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
