package dev.pulse.survey.campaign;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.directory.Directory;
import dev.pulse.survey.directory.OrgSnapshot;
import dev.pulse.survey.directory.OrgSnapshots;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.rotation.RotationRule;
import dev.pulse.survey.round.RoundKeyPool;
import dev.pulse.survey.round.RoundService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class CampaignService {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RECHECK_AFTER = Duration.ofSeconds(30);
    private static final String COLUMNS = "id, name, schedule, time_zone, round_duration, units, items_per_round, status, rotation";

    private final DataSource db;
    private final OrgSnapshots snapshots;
    private final Catalogue catalogue;
    private final RoundService rounds;
    private final RoundKeyPool keyPool;

    public CampaignService(DataSource db, OrgSnapshots snapshots, Catalogue catalogue, RoundService rounds, RoundKeyPool keyPool) {
        this.db = db;
        this.snapshots = snapshots;
        this.catalogue = catalogue;
        this.rounds = rounds;
        this.keyPool = keyPool;
    }

    /** What HR sends to create a campaign. */
    public record CampaignRequest(String name, String schedule, String timeZone, String roundDuration,
                                  List<String> units, Integer itemsPerRound, RotationRule.Request rotation) {
    }

    @Transactional
    public Campaign create(CampaignRequest request) {
        Campaign campaign = validate(request);
        Sql.update(db, "insert into campaign (id, name, schedule, time_zone, round_duration, units, items_per_round, rotation, "
                        + "status) values (?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)",
                campaign.id(), campaign.name(), campaign.schedule(), campaign.timeZone(), campaign.roundDuration().toString(),
                json(campaign.units()), campaign.itemsPerRound(), json(campaign.rotation()), campaign.status().name());
        return campaign;
    }

    public List<Campaign> list() {
        return Sql.list(db, "select " + COLUMNS + " from campaign order by created_at, id", this::campaign);
    }

    public Campaign get(UUID id) {
        return Sql.one(db, "select " + COLUMNS + " from campaign where id = ?", this::campaign, id)
                .orElseThrow(() -> ProblemException.notFound("campaign-not-found", "There is no campaign " + id + "."));
    }

    /** Replaces the settings of a campaign; rounds already opened keep what they were opened with. */
    @Transactional
    public Campaign update(UUID id, CampaignRequest request) {
        Campaign current = get(id);
        if (current.status() == Campaign.Status.ARCHIVED) {
            throw ProblemException.conflict("campaign-archived", "Campaign is archived",
                    "Campaign " + id + " is archived and can no longer change.");
        }
        Campaign valid = validate(request);
        Sql.update(db, "update campaign set name = ?, schedule = ?, time_zone = ?, round_duration = ?, units = ?::jsonb, "
                        + "items_per_round = ?, rotation = ?::jsonb, updated_at = now() where id = ?",
                valid.name(), valid.schedule(), valid.timeZone(), valid.roundDuration().toString(), json(valid.units()),
                valid.itemsPerRound(), json(valid.rotation()), id);
        return get(id);
    }

    /** Pause (no scheduled rounds), resume, or archive (for good; its results stay). */
    @Transactional
    public Campaign changeStatus(UUID id, Campaign.Status target) {
        Campaign current = get(id);
        if (current.status() == Campaign.Status.ARCHIVED && target != Campaign.Status.ARCHIVED) {
            throw ProblemException.conflict("campaign-archived", "Campaign is archived",
                    "Campaign " + id + " is archived and cannot be resumed; create a new one.");
        }
        Sql.update(db, "update campaign set status = ?, updated_at = now() where id = ?", target.name(), id);
        if (target != Campaign.Status.ACTIVE) {
            // Unused private keys are not kept for a campaign that will not open rounds soon (or ever).
            keyPool.discard(id);
        }
        return get(id);
    }

    /**
     * The moment after which the schedule looks for a due fire time: the last scheduled round's fire
     * time, or when the campaign was created or last resumed/changed, so no round is owed for the past.
     */
    public Instant scheduleReference(UUID campaignId) {
        return Sql.one(db, "select greatest(c.updated_at, (select max(r.scheduled_for) from round r where r.campaign_id = c.id)) "
                        + "from campaign c where c.id = ?",
                rs -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), campaignId).orElseThrow();
    }

    public UUID openRoundNow(UUID campaignId) {
        Campaign campaign = get(campaignId);
        if (campaign.status() != Campaign.Status.ACTIVE) {
            throw ProblemException.conflict("campaign-not-active", "Campaign is not active",
                    "Campaign " + campaignId + " is " + campaign.status() + "; activate it before opening a round.");
        }
        return rounds.open(campaign, Instant.now());
    }

    Campaign validate(CampaignRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("missing-body", "Send a campaign as JSON.");
        }
        if (r.name() == null || r.name().isBlank() || r.name().length() > 200) {
            throw ProblemException.invalidField("name", "must be 1 to 200 characters");
        }
        if (r.schedule() == null || r.schedule().isBlank()) {
            throw ProblemException.invalidField("schedule", "a Quartz cron expression is required, e.g. '0 0 9 ? * MON'");
        }
        try {
            dev.pulse.survey.schedule.Schedule.validate(r.schedule());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("schedule", "not a valid Quartz cron expression (sec min hour day month weekday)");
        }
        if (r.timeZone() == null) {
            throw ProblemException.invalidField("timeZone", "a time zone id is required, e.g. Europe/Berlin");
        }
        try {
            ZoneId.of(r.timeZone());
        } catch (DateTimeException e) {
            throw ProblemException.invalidField("timeZone", "unknown time zone '" + r.timeZone() + "'");
        }
        Duration duration;
        try {
            duration = Duration.parse(r.roundDuration() == null ? "" : r.roundDuration());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("roundDuration", "an ISO-8601 duration is required, e.g. P5D or PT2H");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw ProblemException.invalidField("roundDuration", "must be longer than zero");
        }
        if (r.units() == null || r.units().isEmpty()) {
            throw ProblemException.invalidField("units", "name at least one unit path, e.g. /production");
        }
        // The scheduled snapshot is enough to check that units exist (who may answer is decided at opening). A
        // unit HR has just created may not be in it yet: then read again, at most every RECHECK_AFTER.
        OrgSnapshot latest = snapshots.latest();
        OrgSnapshot org = latest;
        if (r.units().stream().anyMatch(p -> p == null || latest.unitByPath(p).isEmpty())) {
            try {
                org = snapshots.readSince(Instant.now().minus(RECHECK_AFTER));
            } catch (Directory.DirectoryUnavailableException e) {
                // Keep the last good snapshot: the 400 below is still true as far as it is known.
            }
        }
        for (int i = 0; i < r.units().size(); i++) {
            String path = r.units().get(i);
            if (path == null || org.unitByPath(path).isEmpty()) {
                throw ProblemException.invalidField("units[" + i + "]", "unknown unit '" + path + "'");
            }
        }
        int max = catalogue.items().size();
        if (r.itemsPerRound() == null || r.itemsPerRound() < 1 || r.itemsPerRound() > max) {
            throw ProblemException.invalidField("itemsPerRound", "must be between 1 and " + max);
        }
        RotationRule rotation = RotationRule.resolve(r.rotation(), catalogue, r.itemsPerRound());
        return new Campaign(UUID.randomUUID(), r.name().strip(), r.schedule().strip(), r.timeZone(), duration,
                List.copyOf(r.units()), r.itemsPerRound(), rotation, Campaign.Status.ACTIVE);
    }

    private Campaign campaign(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            int itemsPerRound = rs.getInt(7);
            String rotation = rs.getString(9);
            return new Campaign(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                    Duration.parse(rs.getString(5)), JSON.readValue(rs.getString(6), new TypeReference<List<String>>() { }),
                    itemsPerRound, rotation == null ? RotationRule.defaultFor(catalogue, itemsPerRound)
                            : JSON.readValue(rotation, RotationRule.class),
                    Campaign.Status.valueOf(rs.getString(8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
