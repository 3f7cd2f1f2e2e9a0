package dev.pulse.deploy.bench;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Latency samples in nanoseconds; percentiles by nearest rank. Thread-safe for recording. */
final class Stats {
    private final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();

    void record(long nanos) {
        samples.add(nanos);
    }

    int count() {
        return samples.size();
    }

    /** Percentile in milliseconds, or NaN without samples. */
    double pctMs(double p) {
        long[] s = samples.stream().mapToLong(Long::longValue).toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, rank))] / 1e6;
    }
}
