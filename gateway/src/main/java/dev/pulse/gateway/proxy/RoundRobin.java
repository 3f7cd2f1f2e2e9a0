package dev.pulse.gateway.proxy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Hands out the elements of a fixed, non-empty list in turn; safe from any thread. */
final class RoundRobin<T> {
    private final List<T> elements;
    private final AtomicInteger cursor = new AtomicInteger();

    RoundRobin(List<T> elements) {
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no elements");
        }
        this.elements = List.copyOf(elements);
    }

    T next() {
        return elements.get(Math.floorMod(cursor.getAndIncrement(), elements.size()));
    }
}
