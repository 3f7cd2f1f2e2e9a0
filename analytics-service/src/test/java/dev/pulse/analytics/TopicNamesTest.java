package dev.pulse.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.contracts.Topics;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Properties cannot reference Java constants; this keeps them equal to the shared contract. */
class TopicNamesTest {

    @Test
    void the_configured_topics_are_the_ones_of_the_shared_contract() throws Exception {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        assertEquals(Topics.RESPONSES, properties.getProperty("mp.messaging.incoming.responses.topic"));
        assertEquals(Topics.ROUNDS, properties.getProperty("mp.messaging.incoming.rounds.topic"));
        assertEquals(Topics.RESPONSES_DEAD_LETTER,
                properties.getProperty("mp.messaging.incoming.responses.dead-letter-queue.topic"));
    }
}
