package dev.pulse.analytics.aggregate;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import java.util.Map;

/**
 * Decides whether a record from {@code pulse.responses} can be counted. Anything else is poison: it is
 * dead-lettered, never retried, and must not stop the records behind it.
 */
public final class ResponseCheck {

    /** Longest unit or item id we store (column width). */
    public static final int MAX_ID_LENGTH = 255;

    private ResponseCheck() {
    }

    public sealed interface Verdict permits Countable, Poison {
    }

    public record Countable(ResponseSubmitted response) implements Verdict {
    }

    /**
     * @param reason a stable slug used as metric tag and dead-letter reason; it never contains any
     *               part of the payload (anonymity: the dead-letter reason ends up in logs and headers)
     */
    public record Poison(String reason) implements Verdict {
        public static final String MALFORMED = "malformed";
        public static final String INVALID_ANSWER = "invalid-answer";
    }

    public static Verdict check(byte[] payload) {
        if (payload == null) {
            return new Poison(Poison.MALFORMED);
        }
        ResponseSubmitted response;
        try {
            response = ContractJson.decode(payload, ResponseSubmitted.class);
        } catch (RuntimeException e) {
            return new Poison(Poison.MALFORMED);
        }
        return check(response);
    }

    public static Verdict check(ResponseSubmitted response) {
        if (response.responseId() == null || response.roundId() == null || !isId(response.unitId())
                || response.answers() == null) {
            return new Poison(Poison.MALFORMED);
        }
        for (Map.Entry<String, Integer> answer : response.answers().entrySet()) {
            if (!isId(answer.getKey())) {
                return new Poison(Poison.MALFORMED);
            }
            if (answer.getValue() == null || !Histogram.isValidAnswer(answer.getValue())) {
                return new Poison(Poison.INVALID_ANSWER);
            }
        }
        return new Countable(response);
    }

    private static boolean isId(String id) {
        return id != null && !id.isBlank() && id.length() <= MAX_ID_LENGTH;
    }
}
