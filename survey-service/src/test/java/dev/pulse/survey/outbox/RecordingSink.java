package dev.pulse.survey.outbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for Kafka in @QuarkusTest; the end-to-end suite runs the real broker. */
@Alternative
@Priority(1)
@ApplicationScoped
public class RecordingSink implements RecordSink {
    // Fields are reached through methods: the test holds a client proxy, not the bean itself.
    private final List<OutgoingRecord> sent = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    public List<OutgoingRecord> sent() {
        return sent;
    }

    public void failing(boolean fail) {
        this.failing = fail;
    }

    @Override
    public void sendAll(List<OutgoingRecord> records) throws Exception {
        if (failing) {
            throw new java.io.IOException("broker unreachable (test)");
        }
        sent.addAll(records);
    }
}
