package dev.pulse.survey.outbox;

import java.time.Instant;
import java.util.List;

/** Where outbox rows go: Kafka in production. Must return only once every record is acknowledged. */
public interface RecordSink {

    record OutgoingRecord(String topic, String key, byte[] value, Instant timestamp) {
    }

    /** Sends all records in the given order; throws if any was not acknowledged (acks=all). */
    void sendAll(List<OutgoingRecord> records) throws Exception;
}
