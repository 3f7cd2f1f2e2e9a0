package dev.pulse.analytics.round;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Serves the channel {@value #CHANNEL} ({@code pulse.rounds}, compacted, keyed by round id): keeps the
 * latest state of each round. Rounds are few, so each event is its own transaction. An unreadable event
 * is skipped and counted; a database failure fails the channel (health goes down) rather than losing
 * a round's structure.
 */
@ApplicationScoped
public class RoundsConsumer {

    public static final String CHANNEL = "rounds";
    private static final Logger LOG = Logger.getLogger(RoundsConsumer.class);

    private final RoundStore rounds;
    private final Counter rejected;

    public RoundsConsumer(RoundStore rounds, MeterRegistry registry) {
        this.rounds = rounds;
        this.rejected = Counter.builder("pulse.round.events.rejected")
                .description("Round events that could not be read and were skipped").register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = true)
    public void consume(byte[] payload) {
        RoundEvent round;
        try {
            round = ContractJson.decode(payload, RoundEvent.class);
        } catch (RuntimeException e) {
            reject("unreadable");
            return;
        }
        if (!isComplete(round)) {
            reject("incomplete");
            return;
        }
        rounds.save(round);
        LOG.debugf("round %s is now %s", round.roundId(), round.status());
    }

    private static boolean isComplete(RoundEvent round) {
        return round.roundId() != null && round.campaignId() != null && round.status() != null
                && round.units() != null && round.items() != null
                && round.units().stream().allMatch(u -> u != null && u.unitId() != null && u.unitPath() != null
                        && u.reportingUnitId() != null)
                && round.items().stream().allMatch(i -> i != null && i.itemId() != null && i.dimension() != null);
    }

    private void reject(String why) {
        rejected.increment();
        LOG.warnf("skipped a round event: %s", why);
    }
}
