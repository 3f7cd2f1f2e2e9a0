package dev.pulse.survey.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;

/**
 * The anonymous submission. Answers stay raw JSON until validated, so that 3.5 or "4" is refused
 * instead of silently coerced.
 */
public record SubmittedResponse(UUID roundId, String keyId, Token token, Map<String, JsonNode> answers) {
    /** The finalized ballot: the prepared message (RFC 9474 Prepare) and its signature, base64url. */
    public record Token(String msg, String sig) {
    }
}
