package dev.pulse.survey.response;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Anonymity regressions caught at the schema: nothing that could hold a person or a time sits next to an answer. */
@QuarkusTest
class ResponseStorageAnonymityTest {
    @Inject
    DataSource db;

    private List<String> columns(String table) throws Exception {
        try (Connection c = db.getConnection(); var ps = c.prepareStatement(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position")) {
            ps.setString(1, table);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    @Test
    void the_responses_table_has_no_column_that_can_hold_a_user_an_address_or_a_time() throws Exception {
        assertEquals(List.of("id", "round_id", "unit_id", "answers"), columns("response"));
    }

    @Test
    void the_key_pool_has_no_column_that_can_hold_a_person_a_unit_or_a_time() throws Exception {
        assertEquals(List.of("key_id", "campaign_id", "public_key", "sealed_private_key"), columns("round_key_pool"));
    }

    @Test
    void the_response_outbox_has_no_sequence_and_no_time() throws Exception {
        assertEquals(List.of("id", "round_id", "payload"), columns("response_outbox"));
    }

    @Test
    void spent_tokens_are_known_only_by_a_hash_and_the_roster_only_by_a_keyed_hash() throws Exception {
        assertEquals(List.of("token_hash", "round_id"), columns("spent_token"));
        assertEquals(List.of("round_id", "subject_hash", "reporting_unit_id", "ballot_issued"), columns("roster"));
    }
}
