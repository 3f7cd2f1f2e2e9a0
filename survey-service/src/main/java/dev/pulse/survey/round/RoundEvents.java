package dev.pulse.survey.round;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import dev.pulse.survey.catalogue.Catalogue;
import dev.pulse.survey.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** Writes the latest state of a round to the round outbox, in the caller's transaction. */
@ApplicationScoped
public class RoundEvents {
    private final DataSource db;
    private final Catalogue catalogue;

    public RoundEvents(DataSource db, Catalogue catalogue) {
        this.db = db;
        this.catalogue = catalogue;
    }

    public void publish(UUID roundId) {
        RoundEvent event = current(roundId);
        Sql.update(db, "insert into round_outbox (round_id, payload) values (?, ?)", roundId, ContractJson.encode(event));
    }

    RoundEvent current(UUID roundId) {
        var units = Sql.list(db, "select unit_id, unit_path, parent_unit_id, eligible, reporting_unit_id "
                        + "from round_unit where round_id = ? order by unit_path",
                rs -> new RoundEvent.Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)),
                roundId);
        // A closed round carries its final count: analytics shows results only once it has counted all of them, so
        // nobody can read a cell before and after a late answer arrives and subtract (differencing over time).
        // Final because closing takes the round row's lock, which every accepting submission holds (FOR SHARE)
        // until it commits: the count is taken after the last of them and no answer is accepted after it.
        return Sql.one(db, "select campaign_id, sequence, status, min_group_size, opened_at, closes_at, items, "
                        + "case when status = 'CLOSED' then (select count(*) from response where round_id = round.id) end "
                        + "from round where id = ?",
                rs -> new RoundEvent(RoundEvent.SCHEMA_VERSION, roundId, rs.getObject(1, UUID.class), rs.getInt(2),
                        RoundEvent.Status.valueOf(rs.getString(3)), rs.getInt(4),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class)),
                        units, items(rs.getString(7)), rs.getObject(8, Long.class)),
                roundId).orElseThrow();
    }

    private List<RoundEvent.Item> items(String json) {
        return RoundItems.parse(json).stream()
                .map(id -> catalogue.item(id).orElseThrow(() -> new IllegalStateException("unknown item " + id)))
                .map(i -> new RoundEvent.Item(i.id(), i.dimension(), i.reverse()))
                .toList();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
