package dev.pulse.survey.outbox;

import dev.pulse.contracts.Topics;
import dev.pulse.survey.config.PulseConfig;
import dev.pulse.survey.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Moves outbox rows to Kafka. A row is deleted in the same transaction that locked it, and only
 * after the broker acknowledged it; if anything fails the transaction rolls back and the rows are
 * sent again later (analytics de-duplicates by response id). Several instances share the work
 * through {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class OutboxRelay {
    private final DataSource db;
    private final RecordSink sink;
    private final PulseConfig.OutboxConfig config;
    private final SecureRandom random = new SecureRandom();

    public OutboxRelay(DataSource db, RecordSink sink, PulseConfig config) {
        this.db = db;
        this.sink = sink;
        this.config = config.outbox();
    }

    private record Row(UUID id, UUID roundId, byte[] payload, OffsetDateTime roundOpenedAt) {
    }

    /** One pass: round events first (in order), then one shuffled batch of responses. Returns rows sent. */
    // A checked failure from the sink must roll back too, or rows would be deleted unsent.
    @Transactional(rollbackOn = Exception.class)
    public int relayOnce() throws Exception {
        List<Object[]> roundRows = Sql.list(db, "select seq, round_id, payload from round_outbox order by seq limit ? "
                        + "for update skip locked",
                rs -> new Object[] {rs.getLong(1), rs.getObject(2, UUID.class), rs.getBytes(3)}, config.batchSize());
        // Anonymity: random-UUID order is already unrelated to arrival; the shuffle makes that hold even
        // for a batch that happens to be small.
        List<Row> responses = new ArrayList<>(Sql.list(db, "select o.id, o.round_id, o.payload, r.opened_at "
                        + "from response_outbox o join round r on r.id = o.round_id order by o.id limit ? "
                        + "for update of o skip locked",
                rs -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getBytes(3),
                        rs.getObject(4, OffsetDateTime.class)), config.batchSize()));
        if (roundRows.isEmpty() && responses.isEmpty()) {
            return 0;
        }
        Collections.shuffle(responses, random);
        List<RecordSink.OutgoingRecord> records = new ArrayList<>();
        for (Object[] r : roundRows) {
            records.add(new RecordSink.OutgoingRecord(Topics.ROUNDS, r[1].toString(), (byte[]) r[2], java.time.Instant.now()));
        }
        for (Row r : responses) {
            // Anonymity: the record time is the round's opening time, never the time of the answer.
            records.add(new RecordSink.OutgoingRecord(Topics.RESPONSES, r.roundId().toString(), r.payload(),
                    r.roundOpenedAt().toInstant()));
        }
        sink.sendAll(records);
        if (!roundRows.isEmpty()) {
            Sql.update(db, "delete from round_outbox where seq = any(?)",
                    (Object) roundRows.stream().map(r -> (Long) r[0]).toArray(Long[]::new));
        }
        if (!responses.isEmpty()) {
            Sql.update(db, "delete from response_outbox where id = any(?)", (Object) responses.stream().map(Row::id).toArray(UUID[]::new));
        }
        return records.size();
    }

    public long backlog() {
        return Sql.one(db, "select count(*) from response_outbox", rs -> rs.getLong(1)).orElse(0L);
    }
}
