package dev.pulse.contracts;

/** Kafka topic names shared by producer and consumers. */
public final class Topics {
    /** One record per accepted anonymous response, keyed by round id so order per round holds. */
    public static final String RESPONSES = "pulse.responses";
    /** Compacted: the latest lifecycle state of each round, keyed by round id. */
    public static final String ROUNDS = "pulse.rounds";
    /** Records from {@link #RESPONSES} that analytics could not read; never retried automatically. */
    public static final String RESPONSES_DEAD_LETTER = "pulse.responses.dlq";

    private Topics() {
    }
}
