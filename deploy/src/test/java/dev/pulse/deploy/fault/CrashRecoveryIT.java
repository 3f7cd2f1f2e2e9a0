package dev.pulse.deploy.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.crypto.RoundKeys;
import dev.pulse.deploy.security.Live;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Nothing lost, nothing doubled through crashes: a few thousand anonymous submissions run through the gateway
 * while Kafka, PostgreSQL, analytics-service, survey-service and the gateway are each killed with SIGKILL and
 * started again (deploy/local scripts). A client keeps its token and retries until it gets an answer; a 409
 * "already used" after an attempt whose outcome it never saw means that attempt was accepted. Afterwards every
 * accepted answer is counted in analytics exactly once.
 *
 * <p>Disruptive for everyone on the stack: runs only with PULSE_FAULTS=1 (the last step of ./pulse test).
 */
class CrashRecoveryIT {
    private static final int ROUNDS = Integer.parseInt(Live.env("PULSE_FAULT_ROUNDS", "17"));
    private static final List<String> VICTIMS = List.of("kafka", "postgres", "analytics-service", "survey-service", "gateway");
    private static final String SURVEY_DIRECT = "http://" + Live.HOST + ":" + Live.env("SURVEY_PORT", "8081");

    record Token(String roundId, String body) {
    }

    @Test
    void every_accepted_answer_is_counted_exactly_once_through_kill_minus_nine_of_every_component() throws Exception {
        Faults.requireFaultRun();
        SecureRandom random = new SecureRandom();
        // Ballots straight from survey-service: set-up, not under test (and the gateway's per-person ballot limit
        // would otherwise throttle 20 rounds x 120 people).
        List<Token> tokens = new ArrayList<>();
        List<String> rounds = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            String roundId = Live.openRound("Faults " + r)[1];
            rounds.add(roundId);
            JsonNode mine = Live.myRound("emp001", roundId).orElseThrow();
            Map<String, RSAPublicKey> keys = new HashMap<>();
            for (JsonNode k : Live.json(Live.call("GET", Live.GATEWAY + "/api/rounds/" + roundId + "/keys", null, null))) {
                keys.put(k.path("keyId").asText(), RoundKeys.parsePublicKeySpki(k.path("publicKey").asText()));
            }
            for (int u = 1; u <= 120; u++) {
                String user = String.format("emp%03d", u);
                JsonNode my = Live.myRound(user, roundId).orElse(null);
                if (my == null) {
                    continue;
                }
                RSAPublicKey key = keys.get(my.path("keyId").asText());
                byte[] msg = new byte[32];
                random.nextBytes(msg);
                byte[] prepared = BlindRsa.prepare(msg, random);
                Blinding b = BlindRsa.blind(key, prepared, random);
                HttpResponse<String> issued = Live.call("POST", SURVEY_DIRECT + "/api/rounds/" + roundId + "/ballots", Live.token(user),
                        "{\"blindedMsg\":\"" + Base64Url.encode(b.blindedMsg()) + "\"}");
                Live.require(issued, 200);
                byte[] sig = BlindRsa.finalizeSignature(key, prepared, Base64Url.decode(Live.json(issued).path("blindSig").asText()),
                        b.inv());
                Live.Ballot ballot = new Live.Ballot(my.path("keyId").asText(), Base64Url.encode(prepared), Base64Url.encode(sig));
                tokens.add(new Token(roundId, ballot.submission(roundId, Live.answers(mine, 1 + random.nextInt(5)))));
            }
        }
        System.out.println("faults: " + tokens.size() + " ballots in " + ROUNDS + " rounds; submitting while killing " + VICTIMS);

        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedUnseen = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ConcurrentLinkedQueue<Token> queue = new ConcurrentLinkedQueue<>(tokens);
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                Token t;
                while ((t = queue.poll()) != null && System.nanoTime() < deadline) {
                    boolean unseen = false;
                    while (System.nanoTime() < deadline) {
                        int status;
                        try {
                            status = Live.HTTP.send(HttpRequest.newBuilder(URI.create(Live.GATEWAY + "/api/responses"))
                                    .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(t.body())).build(),
                                    HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (IOException e) {
                            status = -1; // the request may or may not have arrived
                        }
                        if (status == 202) {
                            accepted.incrementAndGet();
                            break;
                        }
                        if (status == 409 && unseen) {
                            acceptedUnseen.incrementAndGet();
                            break;
                        }
                        if (status >= 400 && status < 500 && status != 429 && status != 408) {
                            refused.incrementAndGet();
                            break;
                        }
                        unseen |= status == -1 || status >= 500;
                        retries.incrementAndGet();
                        Faults.sleep(status == 429 ? 200 : 1000);
                    }
                    Faults.sleep(250); // ~15 submissions a second from 4 clients: the load spans all five faults
                }
                return null;
            }));
        }
        int faults = 0;
        try {
            for (String victim : VICTIMS) {
                Faults.sleep(6_000);
                Faults.kill9(victim);
                faults++;
                Faults.sleep(3_000);
                Faults.restart(victim);
            }
            for (Future<?> f : workers) {
                f.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        long total = accepted.get() + acceptedUnseen.get();
        long counted = 0;
        long stored = 0;
        long drainDeadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < drainDeadline) {
            stored = Faults.stored(rounds);
            counted = Faults.counted(rounds);
            if (counted >= total && counted >= stored) {
                break;
            }
            Faults.sleep(2_000);
        }
        rounds.forEach(Live::closeRound);
        long lost = Math.max(0, total - counted);
        long duplicated = Math.max(0, counted - total);
        System.out.printf("faults: %d injected (kill -9 + restart of %s); %d ballots, accepted %d (%d with 202, %d whose 202 was lost "
                + "in a crash), refused %d, unsent %d, retries %d; stored %d; counted %d; lost %d; duplicated %d%n", faults, VICTIMS,
                tokens.size(), total, accepted.get(), acceptedUnseen.get(), refused.get(), queue.size(), retries.get(), stored, counted,
                lost, duplicated);
        assertEquals(0, refused.get(), "no valid ballot is refused");
        assertTrue(queue.isEmpty(), "every ballot was submitted in time");
        assertEquals(total, stored, "survey-service stored exactly the accepted answers");
        assertEquals(0, lost, "lost");
        assertEquals(0, duplicated, "duplicated");
    }
}
