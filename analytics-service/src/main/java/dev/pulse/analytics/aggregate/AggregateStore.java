package dev.pulse.analytics.aggregate;

import dev.pulse.contracts.ResponseSubmitted;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The aggregate tables. Writes are set-based (one statement per table and batch, arrays via
 * {@code unnest}), so a batch of hundreds of responses costs three round trips and one commit.
 */
@ApplicationScoped
public class AggregateStore {

    private static final String MARK_COUNTED = """
            insert into counted_response (response_id)
            select unnest(?::uuid[])
            on conflict (response_id) do nothing
            returning response_id""";

    private static final String ADD_RESPONDENTS = """
            insert into unit_aggregate (round_id, unit_id, respondents)
            select * from unnest(?::uuid[], ?::varchar[], ?::bigint[])
            on conflict (round_id, unit_id)
            do update set respondents = unit_aggregate.respondents + excluded.respondents""";

    private static final String ADD_ANSWERS = """
            insert into item_aggregate (round_id, unit_id, item_id, answers, answer_sum, h1, h2, h3, h4, h5)
            select * from unnest(?::uuid[], ?::varchar[], ?::varchar[], ?::bigint[], ?::bigint[],
                                 ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])
            on conflict (round_id, unit_id, item_id) do update set
                answers = item_aggregate.answers + excluded.answers,
                answer_sum = item_aggregate.answer_sum + excluded.answer_sum,
                h1 = item_aggregate.h1 + excluded.h1,
                h2 = item_aggregate.h2 + excluded.h2,
                h3 = item_aggregate.h3 + excluded.h3,
                h4 = item_aggregate.h4 + excluded.h4,
                h5 = item_aggregate.h5 + excluded.h5""";

    private final AgroalDataSource dataSource;

    public AggregateStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Counts every response whose id was never counted before, all in one transaction: the id marks
     * and the increments commit together or not at all, so a redelivery can never count twice.
     *
     * @return how many of the given responses were new
     */
    @Transactional
    public int count(List<ResponseSubmitted> responses) {
        if (responses.isEmpty()) {
            return 0;
        }
        Map<UUID, ResponseSubmitted> byId = new LinkedHashMap<>();
        responses.forEach(r -> byId.putIfAbsent(r.responseId(), r));
        try (Connection connection = dataSource.getConnection()) {
            Set<UUID> fresh = markCounted(connection, byId.keySet());
            List<ResponseSubmitted> toCount = byId.values().stream().filter(r -> fresh.contains(r.responseId())).toList();
            Increments increments = Increments.of(toCount);
            if (!increments.isEmpty()) {
                addRespondents(connection, increments.respondents());
                addAnswers(connection, increments.answers());
            }
            return toCount.size();
        } catch (SQLException e) {
            throw new AggregateStoreException("could not count a batch of responses", e);
        }
    }

    private static Set<UUID> markCounted(Connection connection, Set<UUID> ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MARK_COUNTED)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            Set<UUID> fresh = new HashSet<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
            return fresh;
        }
    }

    private static void addRespondents(Connection connection, Map<Increments.UnitKey, Long> respondents)
            throws SQLException {
        int size = respondents.size();
        UUID[] rounds = new UUID[size];
        String[] units = new String[size];
        Long[] counts = new Long[size];
        int i = 0;
        for (var e : respondents.entrySet()) {
            rounds[i] = e.getKey().roundId();
            units[i] = e.getKey().unitId();
            counts[i] = e.getValue();
            i++;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD_RESPONDENTS)) {
            statement.setArray(1, connection.createArrayOf("uuid", rounds));
            statement.setArray(2, connection.createArrayOf("varchar", units));
            statement.setArray(3, connection.createArrayOf("bigint", counts));
            statement.executeUpdate();
        }
    }

    private static void addAnswers(Connection connection, Map<Increments.ItemKey, Histogram> answers)
            throws SQLException {
        int size = answers.size();
        UUID[] rounds = new UUID[size];
        String[] units = new String[size];
        String[] items = new String[size];
        Long[][] columns = new Long[7][size];
        int i = 0;
        for (var e : answers.entrySet()) {
            Histogram h = e.getValue();
            rounds[i] = e.getKey().roundId();
            units[i] = e.getKey().unitId();
            items[i] = e.getKey().itemId();
            columns[0][i] = h.n();
            columns[1][i] = h.sum();
            for (int v = Histogram.MIN_ANSWER; v <= Histogram.MAX_ANSWER; v++) {
                columns[1 + v][i] = h.count(v);
            }
            i++;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD_ANSWERS)) {
            statement.setArray(1, connection.createArrayOf("uuid", rounds));
            statement.setArray(2, connection.createArrayOf("varchar", units));
            statement.setArray(3, connection.createArrayOf("varchar", items));
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(4 + c, connection.createArrayOf("bigint", columns[c]));
            }
            statement.executeUpdate();
        }
    }

    /** Everything counted for a round, per reporting unit. */
    public RoundAggregates load(UUID roundId) {
        Map<String, Long> respondents = new HashMap<>();
        Map<String, Map<String, Histogram>> answers = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select unit_id, respondents from unit_aggregate where round_id = ?")) {
                statement.setObject(1, roundId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        respondents.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "select unit_id, item_id, h1, h2, h3, h4, h5 from item_aggregate where round_id = ?")) {
                statement.setObject(1, roundId);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        answers.computeIfAbsent(rs.getString(1), u -> new HashMap<>()).put(rs.getString(2),
                                new Histogram(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new AggregateStoreException("could not read the aggregates of a round", e);
        }
        return new RoundAggregates(respondents, answers);
    }

    public static final class AggregateStoreException extends RuntimeException {
        public AggregateStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
