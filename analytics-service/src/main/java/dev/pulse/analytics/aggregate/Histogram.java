package dev.pulse.analytics.aggregate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many answers of each value 1..5 a cell holds. Everything analytics shows about an item is
 * derived from this, so a cell's numbers can never disagree with each other.
 */
public record Histogram(long h1, long h2, long h3, long h4, long h5) {

    public static final Histogram EMPTY = new Histogram(0, 0, 0, 0, 0);
    public static final int MIN_ANSWER = 1;
    public static final int MAX_ANSWER = 5;

    public Histogram {
        if (h1 < 0 || h2 < 0 || h3 < 0 || h4 < 0 || h5 < 0) {
            throw new IllegalArgumentException("a histogram count cannot be negative");
        }
    }

    public static boolean isValidAnswer(int answer) {
        return answer >= MIN_ANSWER && answer <= MAX_ANSWER;
    }

    public static Histogram of(int answer) {
        return switch (answer) {
            case 1 -> new Histogram(1, 0, 0, 0, 0);
            case 2 -> new Histogram(0, 1, 0, 0, 0);
            case 3 -> new Histogram(0, 0, 1, 0, 0);
            case 4 -> new Histogram(0, 0, 0, 1, 0);
            case 5 -> new Histogram(0, 0, 0, 0, 1);
            default -> throw new IllegalArgumentException("an answer is 1..5, not " + answer);
        };
    }

    public Histogram plus(Histogram other) {
        return new Histogram(h1 + other.h1, h2 + other.h2, h3 + other.h3, h4 + other.h4, h5 + other.h5);
    }

    /** Number of answers. */
    public long n() {
        return h1 + h2 + h3 + h4 + h5;
    }

    /** Sum of the answer values. */
    public long sum() {
        return h1 + 2 * h2 + 3 * h3 + 4 * h4 + 5 * h5;
    }

    public long count(int value) {
        return switch (value) {
            case 1 -> h1;
            case 2 -> h2;
            case 3 -> h3;
            case 4 -> h4;
            case 5 -> h5;
            default -> throw new IllegalArgumentException("an answer is 1..5, not " + value);
        };
    }

    /** The same answers read as scores of a reverse-keyed item: answer a becomes 6 - a. */
    public Histogram flipped() {
        return new Histogram(h5, h4, h3, h2, h1);
    }

    /** Counts keyed "1".."5", in order. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int v = MIN_ANSWER; v <= MAX_ANSWER; v++) {
            map.put(Integer.toString(v), count(v));
        }
        return map;
    }
}
