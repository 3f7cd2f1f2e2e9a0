package dev.pulse.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.survey.problem.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rule for answers: only items of the round, each an integer 1..5, at least one answered. */
public final class Answers {
    public static final int MIN = 1;
    public static final int MAX = 5;

    private Answers() {
    }

    /** Returns the answers as integers, or throws a 400 naming every offending item. */
    public static Map<String, Integer> validate(Map<String, JsonNode> answers, List<String> roundItems) {
        if (answers == null || answers.isEmpty()) {
            throw ProblemException.invalidField("answers", "answer at least one item");
        }
        Map<String, Object> errors = new LinkedHashMap<>();
        // Sorted, so the stored and published order says nothing about the order a person answered in.
        Map<String, Integer> valid = new TreeMap<>();
        for (var entry : answers.entrySet()) {
            String field = "answers." + entry.getKey();
            JsonNode value = entry.getValue();
            if (!roundItems.contains(entry.getKey())) {
                errors.put(field, "is not an item of this round");
            } else if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                    || value.intValue() < MIN || value.intValue() > MAX) {
                errors.put(field, "must be a whole number from " + MIN + " to " + MAX);
            } else {
                valid.put(entry.getKey(), value.intValue());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(dev.pulse.survey.problem.Problem.of("invalid-answers", "Invalid answers", 400,
                    errors.size() + " answer(s) are invalid; nothing was stored and your ballot is still unused.")
                    .withErrors(errors));
        }
        return valid;
    }
}
