package dev.pulse.survey.round;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.crypto.RoundKeys;
import dev.pulse.survey.ballot.SubjectHasher;
import dev.pulse.survey.campaign.Campaign;
import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.config.PulseConfig;
import dev.pulse.survey.db.Sql;
import dev.pulse.survey.directory.OrgSnapshot;
import dev.pulse.survey.directory.OrgSnapshots;
import dev.pulse.survey.problem.ProblemException;
import dev.pulse.survey.rotation.ItemRotation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Opening and closing rounds: fixing items, reporting units, eligible people and keys. */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class RoundService {
    private static final Logger LOG = Logger.getLogger(RoundService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Enough past rounds for the rotation to know what was asked least recently, with a bound on the read. */
    private static final int HISTORY_ROUNDS = 1000;

    private final DataSource db;
    private final OrgSnapshots snapshots;
    private final Catalogue catalogue;
    private final RoundKeyring keyring;
    private final RoundKeyPool pool;
    private final SubjectHasher hasher;
    private final RoundEvents events;
    private final PulseConfig config;

    public RoundService(DataSource db, OrgSnapshots snapshots, Catalogue catalogue, RoundKeyring keyring, RoundKeyPool pool,
                        SubjectHasher hasher, RoundEvents events, PulseConfig config) {
        this.db = db;
        this.snapshots = snapshots;
        this.pool = pool;
        this.catalogue = catalogue;
        this.keyring = keyring;
        this.hasher = hasher;
        this.events = events;
        this.config = config;
        if (config.minGroupSize() < 3) {
            throw new IllegalStateException("pulse.min-group-size must be at least 3, was " + config.minGroupSize());
        }
    }

    public record KeyView(String keyId, String unitId, String unitPath, String publicKey) {
    }

    /** Opens the next round of a campaign now; 409 if one is open or the target is smaller than k. */
    @Transactional
    public UUID open(Campaign campaign, Instant now) {
        return open(campaign, now, null);
    }

    /**
     * Opens a round; {@code scheduledFor} is the fire time of the schedule it belongs to, or null when
     * HR opens one by hand. Who may answer comes from a directory read that began at or after
     * {@code now}, never from an older snapshot; if the directory cannot be read, nothing opens
     * (503, and the scheduler tries again in its next pass).
     */
    @Transactional
    public UUID open(Campaign campaign, Instant now, Instant scheduledFor) {
        if (openRoundOf(campaign.id()) != null) {
            throw ProblemException.conflict("round-already-open", "A round is already open",
                    "Campaign " + campaign.id() + " already has an open round; close it first.");
        }
        OrgSnapshot org = snapshots.readSince(now);
        RoundTarget target;
        try {
            target = RoundTarget.of(org, campaign.units(), config.minGroupSize());
        } catch (ReportingUnits.TooFewPeopleException e) {
            throw ProblemException.conflict("target-too-small", "Too few people to stay anonymous",
                    "The campaign's units have fewer than " + config.minGroupSize()
                            + " eligible people in total, so no answer could stay anonymous. Add units.");
        }
        ReportingUnits.Plan plan = target.plan();

        UUID roundId = UUID.randomUUID();
        int sequence = Sql.one(db, "select coalesce(max(sequence), 0) + 1 from round where campaign_id = ?",
                rs -> rs.getInt(1), campaign.id()).orElse(1);
        List<List<String>> history = Sql.list(db, "select items from (select items, sequence from round where campaign_id = ? "
                        + "order by sequence desc limit " + HISTORY_ROUNDS + ") r order by sequence",
                rs -> RoundItems.parse(rs.getString(1)), campaign.id());
        List<String> items = ItemRotation.itemsForRound(catalogue, campaign.rotation(), campaign.itemsPerRound(), history)
                .stream().map(Catalogue.Item::id).toList();
        try {
            // The database decides between instances: unique (campaign_id, scheduled_for) lets each fire time open
            // once, the partial unique index round_one_open_per_campaign allows one open round per campaign.
            Sql.update(db, "insert into round (id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, items, "
                            + "scheduled_for) values (?, ?, ?, 'OPEN', ?, ?, ?, ?::jsonb, ?)",
                    roundId, campaign.id(), sequence, config.minGroupSize(), now, now.plus(campaign.roundDuration()),
                    JSON.writeValueAsString(items), scheduledFor);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (Sql.DataAccessException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ProblemException.conflict("round-already-open", "A round is already open",
                        "Another request opened this round of the campaign at the same moment.");
            }
            throw e;
        }
        List<Object[]> unitRows = new ArrayList<>();
        unitRows.add(new Object[] {roundId, ReportingUnits.ROOT_ID, "/", null, 0, plan.reportingUnitOf().get(ReportingUnits.ROOT_ID)});
        for (ReportingUnits.UnitNode n : target.nodes()) {
            unitRows.add(new Object[] {roundId, n.id(), target.pathOf().get(n.id()), n.parentId(), n.eligible(),
                    plan.reportingUnitOf().get(n.id())});
        }
        Sql.batch(db, "insert into round_unit (round_id, unit_id, unit_path, parent_unit_id, eligible, reporting_unit_id) "
                + "values (?, ?, ?, ?, ?, ?)", unitRows);
        int fromPool = insertKeys(campaign, roundId, List.copyOf(plan.pool().keySet()));
        List<Object[]> rosterRows = new ArrayList<>();
        target.homeOfSubject().forEach((subject, unit) -> rosterRows.add(
                new Object[] {roundId, hasher.hash(roundId, subject), plan.reportingUnitOf().get(unit)}));
        Sql.batch(db, "insert into roster (round_id, subject_hash, reporting_unit_id) values (?, ?, ?)", rosterRows);
        events.publish(roundId);
        LOG.infof("round %s opened: %d eligible, %d reporting units, %d keys from the pool", roundId, rosterRows.size(),
                plan.pool().size(), fromPool);
        return roundId;
    }

    /**
     * One key per reporting unit: keys generated ahead where the campaign's pool has them, generated now
     * otherwise. Returns how many came from the pool.
     */
    private int insertKeys(Campaign campaign, UUID roundId, List<String> reportingUnits) {
        List<RoundKeyPool.PoolKey> pooled = pool.take(campaign.id(), reportingUnits.size());
        List<Object[]> keyRows = new ArrayList<>();
        for (int i = 0; i < reportingUnits.size(); i++) {
            String unit = reportingUnits.get(i);
            if (i < pooled.size()) {
                RoundKeyPool.PoolKey key = pooled.get(i);
                keyRows.add(new Object[] {key.keyId(), roundId, unit, key.publicKey(),
                        keyring.resealForRound(key.sealedPrivateKey(), campaign.id(), key.keyId(), roundId, unit)});
            } else {
                KeyPair pair = RoundKeys.generate(config.keyBits());
                RSAPublicKey pub = (RSAPublicKey) pair.getPublic();
                keyRows.add(new Object[] {RoundKeys.keyId(pub), roundId, unit, RoundKeys.publicKeySpki(pub),
                        keyring.seal((RSAPrivateCrtKey) pair.getPrivate(), roundId, unit)});
            }
        }
        // round_key.key_id is the primary key: a key, pooled or not, can serve only one round and unit.
        Sql.batch(db, "insert into round_key (key_id, round_id, unit_id, public_key, sealed_private_key) values (?, ?, ?, ?, ?)",
                keyRows);
        return pooled.size();
    }

    /** Closes a round now; results become visible. 404 unknown, 409 already closed. */
    @Transactional
    public void close(UUID roundId, Instant now) {
        int changed = Sql.update(db, "update round set status = 'CLOSED', closes_at = least(closes_at, ?) "
                + "where id = ? and status = 'OPEN'", now, roundId);
        if (changed == 0) {
            boolean exists = Sql.one(db, "select 1 from round where id = ?", rs -> true, roundId).isPresent();
            if (!exists) {
                throw ProblemException.notFound("round-not-found", "There is no round " + roundId + ".");
            }
            throw ProblemException.conflict("round-not-open", "Round is not open", "Round " + roundId + " is already closed.");
        }
        events.publish(roundId);
        LOG.infof("round %s closed", roundId);
    }

    /** Closes every round whose time is up; safe with several instances (the update decides). */
    @Transactional
    public int closeDue(Instant now) {
        List<UUID> due = Sql.list(db, "update round set status = 'CLOSED' where status = 'OPEN' and closes_at <= ? returning id",
                rs -> rs.getObject(1, UUID.class), now);
        due.forEach(events::publish);
        return due.size();
    }

    public UUID openRoundOf(UUID campaignId) {
        return Sql.one(db, "select id from round where campaign_id = ? and status = 'OPEN'",
                rs -> rs.getObject(1, UUID.class), campaignId).orElse(null);
    }

    /** When the campaign's open round closes, if it has one. */
    public java.util.Optional<Instant> openRoundClosesAt(UUID campaignId) {
        return Sql.one(db, "select closes_at from round where campaign_id = ? and status = 'OPEN'",
                rs -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant(), campaignId);
    }

    public List<KeyView> keys(UUID roundId) {
        if (Sql.one(db, "select 1 from round where id = ?", rs -> true, roundId).isEmpty()) {
            throw ProblemException.notFound("round-not-found", "There is no round " + roundId + ".");
        }
        return Sql.list(db, "select k.key_id, k.unit_id, u.unit_path, k.public_key from round_key k "
                        + "join round_unit u on u.round_id = k.round_id and u.unit_id = k.unit_id "
                        + "where k.round_id = ? order by u.unit_path",
                rs -> new KeyView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), roundId);
    }
}
