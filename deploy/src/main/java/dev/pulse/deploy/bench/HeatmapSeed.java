package dev.pulse.deploy.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Random;
import java.util.UUID;

/**
 * A closed bench round in analyticsdb holding the aggregates of 1,000,000 responses over 200 units
 * (10 departments × 19 teams + the 10 departments), written directly as SQL — analytics keeps only counts,
 * so the heatmap reads the same rows whether the counts came through Kafka or from here. Idempotent: the
 * round has a fixed id and is written once.
 */
final class HeatmapSeed {
    static final UUID ROUND_ID = UUID.fromString("00000000-0000-4000-8000-00000000be01");
    static final int RESPONSES = 1_000_000;
    static final String[] DIMENSIONS = {"control", "security", "opacity", "roles", "decisions", "picture", "usage", "voice"};

    private HeatmapSeed() {}

    static String ensure(String url, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from round_unit where round_id = ?")) {
                ps.setObject(1, ROUND_ID);
                var rs = ps.executeQuery();
                rs.next();
                if (rs.getInt(1) == 200) {
                    return "bench round reused";
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement del = c.prepareStatement("delete from round where round_id = ?");
                 PreparedStatement delU = c.prepareStatement("delete from unit_aggregate where round_id = ?");
                 PreparedStatement delI = c.prepareStatement("delete from item_aggregate where round_id = ?")) {
                for (PreparedStatement d : new PreparedStatement[] {del, delU, delI}) {
                    d.setObject(1, ROUND_ID);
                    d.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    insert into round (round_id, campaign_id, sequence, status, min_group_size, opened_at, closes_at)
                    values (?, ?, 1, 'CLOSED', 5, now() - interval '7 days', now() - interval '2 days')""")) {
                ps.setObject(1, ROUND_ID);
                ps.setObject(2, UUID.fromString("00000000-0000-4000-8000-00000000be00"));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into round_item (round_id, position, item_id, dimension, reverse) values (?, ?, ?, ?, false)")) {
                for (int i = 0; i < DIMENSIONS.length; i++) {
                    ps.setObject(1, ROUND_ID);
                    ps.setInt(2, i + 1);
                    ps.setString(3, "bench." + DIMENSIONS[i]);
                    ps.setString(4, DIMENSIONS[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Random random = new Random(42);
            int leaves = 10 * 19;
            try (PreparedStatement unit = c.prepareStatement("""
                    insert into round_unit (round_id, unit_id, unit_path, parent_unit_id, eligible, reporting_unit_id)
                    values (?, ?, ?, ?, ?, ?)""");
                 PreparedStatement respondents = c.prepareStatement(
                         "insert into unit_aggregate (round_id, unit_id, respondents) values (?, ?, ?)");
                 PreparedStatement items = c.prepareStatement("""
                         insert into item_aggregate (round_id, unit_id, item_id, answers, answer_sum, h1, h2, h3, h4, h5)
                         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int leaf = 0;
                for (int d = 0; d < 10; d++) {
                    String dept = "bench-d" + d;
                    addUnit(unit, dept, "/bench-d" + d, null, 0);
                    for (int t = 0; t < 19; t++, leaf++) {
                        String team = dept + "-t" + t;
                        int n = RESPONSES / leaves + (leaf < RESPONSES % leaves ? 1 : 0);
                        addUnit(unit, team, "/bench-d" + d + "/t" + t, dept, n + n / 5);
                        respondents.setObject(1, ROUND_ID);
                        respondents.setString(2, team);
                        respondents.setLong(3, n);
                        respondents.addBatch();
                        for (String dim : DIMENSIONS) {
                            long[] h = new long[5];
                            long left = n;
                            for (int k = 0; k < 4; k++) {
                                h[k] = Math.min(left, (long) (n * (0.1 + 0.15 * random.nextDouble())));
                                left -= h[k];
                            }
                            h[4] = left;
                            items.setObject(1, ROUND_ID);
                            items.setString(2, team);
                            items.setString(3, "bench." + dim);
                            items.setLong(4, n);
                            items.setLong(5, h[0] + 2 * h[1] + 3 * h[2] + 4 * h[3] + 5 * h[4]);
                            for (int k = 0; k < 5; k++) {
                                items.setLong(6 + k, h[k]);
                            }
                            items.addBatch();
                        }
                    }
                }
                unit.executeBatch();
                respondents.executeBatch();
                items.executeBatch();
            }
            c.commit();
            return "bench round seeded now";
        }
    }

    private static void addUnit(PreparedStatement ps, String id, String path, String parent, int eligible) throws Exception {
        ps.setObject(1, ROUND_ID);
        ps.setString(2, id);
        ps.setString(3, path);
        ps.setString(4, parent);
        ps.setInt(5, eligible);
        ps.setString(6, id);
        ps.addBatch();
    }
}
