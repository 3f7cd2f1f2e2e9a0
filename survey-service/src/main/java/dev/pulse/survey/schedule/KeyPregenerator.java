package dev.pulse.survey.schedule;

import dev.pulse.survey.campaign.Campaign;
import dev.pulse.survey.campaign.CampaignService;
import dev.pulse.survey.config.PulseConfig;
import dev.pulse.survey.directory.Directory;
import dev.pulse.survey.directory.OrgSnapshot;
import dev.pulse.survey.directory.OrgSnapshots;
import dev.pulse.survey.round.ReportingUnits;
import dev.pulse.survey.round.RoundKeyPool;
import dev.pulse.survey.round.RoundService;
import dev.pulse.survey.round.RoundTarget;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Generates round keys ahead: for each active campaign whose next scheduled round is at most
 * {@code pulse.keys.pregenerate-lead} away, fills its key pool up to the number of reporting units the
 * latest organisation snapshot gives, so the RSA generation happens before the 09:00 burst instead of in
 * it. Unused keys of campaigns that are no longer active are deleted on every pass.
 */
@ApplicationScoped
public class KeyPregenerator {
    private static final Logger LOG = Logger.getLogger(KeyPregenerator.class);

    private final CampaignService campaigns;
    private final OrgSnapshots snapshots;
    private final RoundKeyPool pool;
    private final RoundService rounds;
    private final PulseConfig config;

    public KeyPregenerator(CampaignService campaigns, OrgSnapshots snapshots, RoundKeyPool pool, RoundService rounds,
                           PulseConfig config) {
        this.campaigns = campaigns;
        this.rounds = rounds;
        this.snapshots = snapshots;
        this.pool = pool;
        this.config = config;
    }

    private record Upcoming(Campaign campaign, Instant next) {
    }

    @Scheduled(every = "${pulse.keys.pregenerate-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        pregenerate(Instant.now());
    }

    /** One pass; returns how many keys it added. */
    public int pregenerate(Instant now) {
        pool.discardInactive();
        Instant horizon = now.plus(config.keys().pregenerateLead());
        List<Upcoming> upcoming = campaigns.list().stream()
                .filter(c -> c.status() == Campaign.Status.ACTIVE)
                .map(c -> new Upcoming(c, Schedule.next(c.schedule(), ZoneId.of(c.timeZone()), now).orElse(null)))
                .filter(u -> u.next() != null && !u.next().isAfter(horizon))
                // A round still open at the fire time blocks the scheduled one, so keys made now would only wait.
                .filter(u -> rounds.openRoundClosesAt(u.campaign().id()).map(closes -> !closes.isAfter(u.next())).orElse(true))
                .sorted(Comparator.comparing(Upcoming::next))
                .toList();
        if (upcoming.isEmpty()) {
            return 0;
        }
        OrgSnapshot org;
        try {
            org = snapshots.latest();
        } catch (Directory.DirectoryUnavailableException e) {
            LOG.warnf("no round keys generated ahead: the directory cannot be read (%s); rounds will generate them when they open",
                    e.getMessage());
            return 0;
        }
        int added = 0;
        for (Upcoming u : upcoming) {
            int needed = keysNeeded(org, u.campaign()).orElse(0);
            for (int i = 0; i < needed && pool.addOne(u.campaign().id(), needed); i++) {
                added++;
            }
        }
        if (added > 0) {
            LOG.infof("generated %d round keys ahead for %d campaign(s) due by %s", added, upcoming.size(), horizon);
        }
        return added;
    }

    /** One key per reporting unit the next round will have as far as the latest snapshot knows; bounded. */
    private Optional<Integer> keysNeeded(OrgSnapshot org, Campaign campaign) {
        try {
            int units = RoundTarget.of(org, campaign.units(), config.minGroupSize()).plan().pool().size();
            return Optional.of(Math.min(units, config.keys().poolMax()));
        } catch (ReportingUnits.TooFewPeopleException e) {
            return Optional.empty();
        }
    }
}
