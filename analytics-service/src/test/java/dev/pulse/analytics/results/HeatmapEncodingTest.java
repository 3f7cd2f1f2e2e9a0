package dev.pulse.analytics.results;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pulse.analytics.aggregate.ResponsesConsumer;
import dev.pulse.analytics.round.RoundStore;
import dev.pulse.analytics.round.RoundsConsumer;
import dev.pulse.analytics.support.KafkaLikeBatch;
import dev.pulse.analytics.support.Messages;
import dev.pulse.analytics.support.Tokens;
import dev.pulse.contracts.ContractJson;
import dev.pulse.contracts.RoundEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The heatmap JSON is served gzip-compressed to clients that accept it, and is the same document either way. */
@QuarkusTest
class HeatmapEncodingTest {

    @Inject
    @Any
    InMemoryConnector connector;

    @Inject
    RoundStore rounds;

    @Test
    void the_heatmap_is_the_same_json_compressed_or_not() throws Exception {
        UUID roundId = UUID.randomUUID();
        connector.source(RoundsConsumer.CHANNEL).send(ContractJson.encode(Messages.round(roundId, UUID.randomUUID(), 1,
                RoundEvent.Status.CLOSED, List.of(new RoundEvent.Unit("e-prod", "/production", null, 9, "e-prod")),
                List.of(new RoundEvent.Item("control.1@v1", "control", false)))));
        await().atMost(Duration.ofSeconds(10)).until(() -> rounds.find(roundId).isPresent());
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(Messages.response(roundId, "e-prod", Map.of("control.1@v1", 1 + i % 5)));
        }
        var batch = KafkaLikeBatch.of(records.toArray(byte[][]::new));
        connector.source(ResponsesConsumer.CHANNEL).send(batch.message());
        batch.acked().get(20, TimeUnit.SECONDS);

        RestAssuredConfig raw = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
        Response plain = given().config(raw).auth().oauth2(Tokens.of("hr")).header("Accept-Encoding", "identity")
                .get("/api/analytics/rounds/{roundId}/heatmap", roundId);
        plain.then().statusCode(200).contentType("application/json").header("Vary", containsString("Accept-Encoding"))
                .body(containsString("\"unitId\":\"e-prod\""));
        assertNull(plain.header("Content-Encoding"));

        Response gzip = given().config(raw).auth().oauth2(Tokens.of("hr")).header("Accept-Encoding", "gzip, br")
                .get("/api/analytics/rounds/{roundId}/heatmap", roundId);
        gzip.then().statusCode(200).contentType("application/json");
        assertEquals("gzip", gzip.header("Content-Encoding"));
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzip.asByteArray()))) {
            assertArrayEquals(plain.asByteArray(), in.readAllBytes());
        }
    }
}
