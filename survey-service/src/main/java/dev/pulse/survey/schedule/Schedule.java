package dev.pulse.survey.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a campaign's next round is due. Pure: the scheduler and the tests call it with the clock.
 * Quartz cron syntax (seconds first, optional year), evaluated in the campaign's time zone so
 * "Monday 09:00 Europe/Berlin" stays 09:00 local across daylight-saving changes.
 */
public final class Schedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private static final java.util.Map<String, ExecutionTime> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    private Schedule() {
    }

    /** Throws IllegalArgumentException for anything that is not a Quartz cron expression. */
    public static void validate(String cron) {
        PARSER.parse(cron).validate();
    }

    /**
     * The fire time a round is due for, if any: the latest fire time after {@code after} and not later
     * than {@code now}. After downtime only the latest missed fire time is returned, so a campaign
     * opens late once and never catches up with a burst of rounds.
     */
    public static Optional<Instant> due(String cron, ZoneId zone, Instant after, Instant now) {
        // lastExecution is strictly before its argument; one second later includes a fire time equal to now.
        Optional<ZonedDateTime> last = times(cron).lastExecution(now.plusSeconds(1).atZone(zone));
        return last.map(ZonedDateTime::toInstant)
                .filter(t -> t.isAfter(after) && !t.isAfter(now))
                // When clocks go back, 02:30 happens twice; the second one is the same wall-clock time, not a new round.
                .filter(t -> !t.atZone(zone).toLocalDateTime().equals(after.atZone(zone).toLocalDateTime()));
    }

    private static ExecutionTime times(String cron) {
        return CACHE.computeIfAbsent(cron, c -> ExecutionTime.forCron(PARSER.parse(c)));
    }

    /** The next fire time after {@code now}, for display. */
    public static Optional<Instant> next(String cron, ZoneId zone, Instant now) {
        return times(cron).nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
