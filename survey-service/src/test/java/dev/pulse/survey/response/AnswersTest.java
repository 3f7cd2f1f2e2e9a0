package dev.pulse.survey.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.survey.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ITEMS = List.of("a", "b");

    private static Map<String, JsonNode> answers(String json) throws Exception {
        return JSON.readValue(json, JSON.getTypeFactory().constructMapType(Map.class, String.class, JsonNode.class));
    }

    @Test
    void whole_numbers_one_to_five_for_items_of_the_round_are_accepted_and_skips_are_fine() throws Exception {
        assertEquals(Map.of("a", 1), Answers.validate(answers("{\"a\":1}"), ITEMS));
        assertEquals(Map.of("a", 5, "b", 3), Answers.validate(answers("{\"b\":3,\"a\":5}"), ITEMS));
    }

    @Test
    void out_of_range_fractional_textual_or_null_answers_are_refused_naming_the_item() throws Exception {
        for (String bad : List.of("{\"a\":0}", "{\"a\":6}", "{\"a\":3.5}", "{\"a\":\"4\"}", "{\"a\":null}",
                "{\"a\":true}", "{\"a\":99999999999999999999}", "{\"a\":[4]}", "{\"a\":-1}")) {
            var e = assertThrows(ProblemException.class, () -> Answers.validate(answers(bad), ITEMS), bad);
            assertEquals(400, e.problem().status());
            assertEquals(List.of("answers.a"), List.copyOf(e.problem().errors().keySet()), bad);
        }
    }

    @Test
    void items_not_in_the_round_and_empty_answers_are_refused() throws Exception {
        assertThrows(ProblemException.class, () -> Answers.validate(answers("{\"zzz\":3}"), ITEMS));
        assertThrows(ProblemException.class, () -> Answers.validate(answers("{}"), ITEMS));
        assertThrows(ProblemException.class, () -> Answers.validate(null, ITEMS));
    }
}
