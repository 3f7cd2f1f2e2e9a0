package dev.pulse.gateway.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRobinTest {

    @Test
    void twoInstancesShareTheRequestsEvenly() {
        RoundRobin<String> rr = new RoundRobin<>(List.of("a", "b"));
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            picked.add(rr.next());
        }
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), picked);
    }

    @Test
    void oneInstanceIsAlwaysPicked() {
        RoundRobin<String> rr = new RoundRobin<>(List.of("only"));
        assertEquals("only", rr.next());
        assertEquals("only", rr.next());
    }

    @Test
    void anUpstreamWithoutInstancesIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new RoundRobin<>(List.of()));
    }
}
