package dev.pulse.analytics.support;

import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.ResponseSubmitted;
import dev.pulse.contracts.RoundEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Contract messages as survey-service would publish them. */
public final class Messages {

    private Messages() {
    }

    public static byte[] response(UUID roundId, String unitId, Map<String, Integer> answers) {
        return ContractJson.encode(new ResponseSubmitted(ResponseSubmitted.SCHEMA_VERSION, UUID.randomUUID(), roundId,
                unitId, answers));
    }

    public static RoundEvent round(UUID roundId, UUID campaignId, int sequence, RoundEvent.Status status,
                                   List<RoundEvent.Unit> units, List<RoundEvent.Item> items) {
        return new RoundEvent(RoundEvent.SCHEMA_VERSION, roundId, campaignId, sequence, status, 5,
                Instant.parse("2026-01-05T08:00:00Z"), Instant.parse("2026-01-10T08:00:00Z"), units, items);
    }
}
