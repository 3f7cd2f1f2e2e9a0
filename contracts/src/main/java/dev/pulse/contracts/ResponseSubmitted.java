package dev.pulse.contracts;

import java.util.Map;
import java.util.UUID;

/**
 * One anonymous response as published on {@link Topics#RESPONSES}.
 *
 * <p>Anonymity: this record deliberately has no user id, session, address, user agent or time
 * field; the response id is a random UUID that exists only for de-duplication downstream.
 *
 * @param schemaVersion contract version, {@link #SCHEMA_VERSION}
 * @param responseId    random UUID (v4), never derived from the person or the token
 * @param roundId       the round answered
 * @param unitId        the reporting unit of the key that signed the ballot (already merged to k)
 * @param answers       item id to answer 1..5; skipped items are absent
 */
public record ResponseSubmitted(int schemaVersion, UUID responseId, UUID roundId, String unitId,
                                Map<String, Integer> answers) {
    public static final int SCHEMA_VERSION = 1;
}
