package dev.pulse.analytics.round;

import dev.pulse.contracts.RoundEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the latest {@link RoundEvent} of every round in relational form. The contract record itself is
 * the read model: analytics needs exactly what the event says about a round, nothing more.
 */
@ApplicationScoped
public class RoundStore {

    private static final String UPSERT_ROUND = """
            insert into round (round_id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, responses)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (round_id) do update set
                campaign_id = excluded.campaign_id, sequence = excluded.sequence, status = excluded.status,
                min_group_size = excluded.min_group_size, opened_at = excluded.opened_at,
                closes_at = excluded.closes_at, responses = excluded.responses, revision = round.revision + 1""";
    private static final String SELECT_ROUND = """
            select round_id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, responses
            from round where round_id = ?""";
    private static final String SELECT_CAMPAIGN_ROUNDS = """
            select round_id, campaign_id, sequence, status, min_group_size, opened_at, closes_at, responses
            from round where campaign_id = ? order by sequence""";

    /**
     * One statement, so the round and its predecessor are versioned from one snapshot. The previous round is
     * the campaign's round with sequence − 1 (the latest opened, should there ever be two).
     */
    private static final String SELECT_VERSIONS = """
            with this_round as (
                select round_id, campaign_id, sequence, status, closes_at, revision, responses from round where round_id = ?),
            previous_round as (
                select p.round_id, p.status, p.closes_at, p.revision, p.responses
                from round p join this_round t on p.campaign_id = t.campaign_id and p.sequence = t.sequence - 1
                order by p.opened_at desc nulls last limit 1)
            select 0 as which, v.round_id, v.status, v.closes_at, v.revision,
                   (select coalesce(sum(a.respondents), 0) from unit_aggregate a where a.round_id = v.round_id), v.responses
            from this_round v
            union all
            select 1, v.round_id, v.status, v.closes_at, v.revision,
                   (select coalesce(sum(a.respondents), 0) from unit_aggregate a where a.round_id = v.round_id), v.responses
            from previous_round v
            order by which""";
    private static final String LIST_CAMPAIGN_ROUNDS = """
            select round_id, sequence, status, opened_at, closes_at
            from round where campaign_id = ? order by sequence desc, opened_at desc nulls last""";

    private final AgroalDataSource dataSource;

    public RoundStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces what is known about the round with the event's state (last write wins, as on the compacted topic). */
    @Transactional
    public void save(RoundEvent round) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT_ROUND)) {
                statement.setObject(1, round.roundId());
                statement.setObject(2, round.campaignId());
                statement.setInt(3, round.sequence());
                statement.setString(4, round.status().name());
                statement.setInt(5, round.minGroupSize());
                statement.setTimestamp(6, timestamp(round.openedAt()));
                statement.setTimestamp(7, timestamp(round.closesAt()));
                statement.setObject(8, round.responses());
                statement.executeUpdate();
            }
            for (String table : List.of("round_unit", "round_item")) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "delete from " + table + " where round_id = ?")) {
                    statement.setObject(1, round.roundId());
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into round_unit (round_id, unit_id, unit_path, parent_unit_id, eligible, reporting_unit_id)
                    values (?, ?, ?, ?, ?, ?)""")) {
                for (RoundEvent.Unit unit : round.units()) {
                    statement.setObject(1, round.roundId());
                    statement.setString(2, unit.unitId());
                    statement.setString(3, unit.unitPath());
                    statement.setString(4, unit.parentUnitId());
                    statement.setInt(5, unit.eligible());
                    statement.setString(6, unit.reportingUnitId());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into round_item (round_id, position, item_id, dimension, reverse) values (?, ?, ?, ?, ?)""")) {
                int position = 0;
                for (RoundEvent.Item item : round.items()) {
                    statement.setObject(1, round.roundId());
                    statement.setInt(2, position++);
                    statement.setString(3, item.itemId());
                    statement.setString(4, item.dimension());
                    statement.setBoolean(5, item.reverse());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store a round", e);
        }
    }

    public Optional<RoundEvent> find(UUID roundId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_ROUND)) {
            statement.setObject(1, roundId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(read(connection, rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read a round", e);
        }
    }

    /** Every known round of a campaign, by sequence. */
    public List<RoundEvent> findByCampaign(UUID campaignId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_CAMPAIGN_ROUNDS)) {
            statement.setObject(1, campaignId);
            List<RoundEvent> rounds = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rounds.add(read(connection, rs));
                }
            }
            return rounds;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rounds of a campaign", e);
        }
    }

    /** The current version of a round and of its campaign's previous round; empty for an unknown round. */
    public Optional<RoundVersion.WithPrevious> versionWithPrevious(UUID roundId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_VERSIONS)) {
            statement.setObject(1, roundId);
            RoundVersion round = null;
            RoundVersion previous = null;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    RoundVersion version = new RoundVersion(rs.getObject(2, UUID.class),
                            RoundEvent.Status.valueOf(rs.getString(3)), instant(rs.getTimestamp(4)), rs.getLong(5),
                            rs.getLong(6), rs.getObject(7, Long.class));
                    if (rs.getInt(1) == 0) {
                        round = version;
                    } else {
                        previous = version;
                    }
                }
            }
            return round == null ? Optional.empty()
                    : Optional.of(new RoundVersion.WithPrevious(round, Optional.ofNullable(previous)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the version of a round", e);
        }
    }

    /** The rounds of a campaign without their units and items, newest first: one query, however many rounds. */
    public List<CampaignRound> listByCampaign(UUID campaignId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(LIST_CAMPAIGN_ROUNDS)) {
            statement.setObject(1, campaignId);
            List<CampaignRound> rounds = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rounds.add(CampaignRound.of(rs.getObject(1, UUID.class), rs.getInt(2),
                            RoundEvent.Status.valueOf(rs.getString(3)), instant(rs.getTimestamp(4)),
                            instant(rs.getTimestamp(5))));
                }
            }
            return rounds;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the rounds of a campaign", e);
        }
    }

    private static RoundEvent read(Connection connection, ResultSet rs) throws SQLException {
        UUID roundId = rs.getObject("round_id", UUID.class);
        List<RoundEvent.Unit> units = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select unit_id, unit_path, parent_unit_id, eligible, reporting_unit_id
                from round_unit where round_id = ? order by unit_path""")) {
            statement.setObject(1, roundId);
            try (ResultSet u = statement.executeQuery()) {
                while (u.next()) {
                    units.add(new RoundEvent.Unit(u.getString(1), u.getString(2), u.getString(3), u.getInt(4),
                            u.getString(5)));
                }
            }
        }
        List<RoundEvent.Item> items = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select item_id, dimension, reverse from round_item where round_id = ? order by position")) {
            statement.setObject(1, roundId);
            try (ResultSet i = statement.executeQuery()) {
                while (i.next()) {
                    items.add(new RoundEvent.Item(i.getString(1), i.getString(2), i.getBoolean(3)));
                }
            }
        }
        return new RoundEvent(RoundEvent.SCHEMA_VERSION, roundId, rs.getObject("campaign_id", UUID.class),
                rs.getInt("sequence"), RoundEvent.Status.valueOf(rs.getString("status")), rs.getInt("min_group_size"),
                instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("closes_at")), units, items,
                rs.getObject("responses", Long.class));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
