package dev.pulse.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.crypto.RoundKeys;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load generator and benchmark of the whole local stack, one table at the end, every figure from this run.
 * Synthetic employees are the demo users emp001..empNNN (password = user name; the demo realm has 120); each
 * of them takes part in ROUNDS fresh bench rounds, so the number of ballots is users × rounds. Per ballot:
 * real RFC 9474 blinding, POST ballots through the gateway (login), finalize, then the anonymous submission.
 * Closed loop at max with CONCURRENCY client threads. The bench rounds are closed at the end so no demo
 * client ever picks them up.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BENCH_PREFIX = "Bench ";

    private final Map<String, String> env = System.getenv();
    private final String host = env.getOrDefault("PULSE_HOST", "127.0.0.1");
    private final String gateway = "http://" + host + ":" + env.getOrDefault("GATEWAY_PORT", "8080");
    private final String survey = "http://" + host + ":" + env.getOrDefault("SURVEY_PORT", "8081");
    private final String keycloak = "http://" + host + ":" + env.getOrDefault("KEYCLOAK_PORT", "8180");
    private final int users = Integer.parseInt(env.getOrDefault("BENCH_USERS", "120"));
    private final int rounds = Integer.parseInt(env.getOrDefault("BENCH_ROUNDS", "6"));
    private final int concurrency = Integer.parseInt(env.getOrDefault("BENCH_CONCURRENCY", "16"));
    private final Duration ceilingWindow = Duration.ofSeconds(Integer.parseInt(env.getOrDefault("BENCH_CEILING_SECONDS", "3")));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4)).build();
    private final Map<String, String> table = new TreeMap<>();
    private final List<String> rows = new ArrayList<>();

    /** One ballot of one person in one round, from blinding to submission. */
    private record Ballot(String user, String roundId, String keyId, RSAPublicKey key, List<String> items, byte[] prepared,
                          Blinding blinding, byte[][] finalSig) {}

    public static void main(String[] args) throws Exception {
        new Bench().run();
        System.exit(0); // the HTTP client's pool threads would keep the JVM alive
    }

    private void run() throws Exception {
        long t0 = System.nanoTime();
        int cores = Runtime.getRuntime().availableProcessors();
        say("ceilings: raw RSA, PostgreSQL commits, Kafka acks=all (" + ceilingWindow.toSeconds() + " s each)");
        double rsa1 = Ceilings.rsaPrivateOpsPerSecond(1, ceilingWindow);
        double rsaAll = Ceilings.rsaPrivateOpsPerSecond(cores, ceilingWindow);
        String pgUrl = "jdbc:postgresql://" + host + ":" + env.getOrDefault("POSTGRES_PORT", "5433") + "/" + env.getOrDefault("BENCH_DB", "pulse_bench");
        double pg = Ceilings.postgresCommitsPerSecond(pgUrl, env.get("SURVEY_DB_USER"), env.get("SURVEY_DB_PASSWORD"), concurrency, ceilingWindow);
        double kafka = Ceilings.kafkaAcksAllPerSecond(host + ":" + env.getOrDefault("KAFKA_PORT", "9092"), "pulse.bench", ceilingWindow);

        say("logging in " + users + " demo employees and hr");
        String hr = login("hr");
        Map<String, String> tokens = new ConcurrentHashMap<>();
        parallel(users, 4, i -> tokens.put(user(i), login(user(i))));

        closeBenchRounds(hr, List.of());
        say("opening " + rounds + " bench rounds");
        List<String> roundIds = new ArrayList<>();
        try {
            for (int r = 0; r < rounds; r++) {
                // Setup, not measured: straight to survey-service, whose per-unit RSA key generation can
                // outlast the gateway's 10 s timeout on a loaded 2-core box.
                JsonNode c = call("POST", survey + "/api/campaigns", hr, JSON.readTree("""
                        {"name":"%s%s","schedule":"0 0 9 1 1 ? 2099","timeZone":"Europe/Berlin","roundDuration":"P5D",
                         "units":["/production","/logistics","/it","/administration"],"itemsPerRound":6}""".formatted(BENCH_PREFIX, UUID.randomUUID())));
                roundIds.add(call("POST", survey + "/api/campaigns/" + c.path("id").asText() + "/rounds", hr, null).path("roundId").asText());
            }
            benchRounds(tokens, hr, roundIds, rsaAll);
        } finally {
            closeBenchRounds(hr, roundIds);
        }
        heatmap(hr);
        rss();

        double issuance = Double.parseDouble(table.get("issuance"));
        double accepted = Double.parseDouble(table.get("acceptedGateway"));
        double acceptedDirect = Double.parseDouble(table.get("acceptedDirect"));
        row("machine", cores + " cores, " + Runtime.version() + ", load avg at end " + loadAvg(), "");
        row("raw RSA-2048 private ops/s (1 thread | " + cores + " threads)", f(rsa1) + " | " + f(rsaAll), "");
        row("ballot issuance/s through gateway", f(issuance), "ratio to raw RSA (" + cores + " thr): " + pct(issuance / rsaAll));
        row("ballot route latency p50 / p99 (ms)", table.get("ballotLatency"), "");
        row("PostgreSQL single-row insert commits/s (" + concurrency + " conns)", f(pg), "");
        row("Kafka producer acks=all records/s", f(kafka), "");
        row("accepted submissions/s through gateway", f(accepted),
                "ratio to PG commits: " + pct(accepted / pg) + ", to Kafka: " + pct(accepted / kafka));
        row("accepted submissions/s direct to survey-service", f(acceptedDirect),
                "ratio to PG commits: " + pct(acceptedDirect / pg) + ", to Kafka: " + pct(acceptedDirect / kafka));
        row("submission latency p50 / p99 gateway | direct (ms)", table.get("submitLatency"), table.get("throttled"));
        row("accepted -> counted in analytics p50 / p99 (ms)", table.get("countedLatency"), table.get("countedNote"));
        row("heatmap p50 / p99 (ms), 1,000,000 responses, 200 units", table.get("heatmap"), table.get("heatmapNote"));
        row("RSS per process (MiB)", table.get("rss"), "");
        row("whole run", String.format("%.0f s", (System.nanoTime() - t0) / 1e9), "users " + users + " x rounds " + rounds + ", concurrency " + concurrency);
        printTable();
    }

    private void benchRounds(Map<String, String> tokens, String hr, List<String> roundIds, double rsaAll) throws Exception {
        say("fetching keys and each person's round view");
        Map<String, JsonNode> keysByRound = new ConcurrentHashMap<>();
        for (String roundId : roundIds) {
            keysByRound.put(roundId, call("GET", gateway + "/api/rounds/" + roundId + "/keys", null, null));
        }
        ConcurrentLinkedQueue<Ballot> ballots = new ConcurrentLinkedQueue<>();
        parallel(users, 4, i -> {
            String u = user(i);
            for (JsonNode r : call("GET", gateway + "/api/me/rounds", tokens.get(u), null)) {
                String roundId = r.path("roundId").asText();
                if (!keysByRound.containsKey(roundId) || r.path("ballotIssued").asBoolean()) {
                    continue;
                }
                String keyId = r.path("keyId").asText();
                RSAPublicKey key = checkedKey(keysByRound.get(roundId), keyId);
                List<String> items = new ArrayList<>();
                r.path("items").forEach(it -> items.add(it.path("id").asText()));
                byte[] msg = new byte[32];
                RANDOM.nextBytes(msg);
                byte[] prepared = BlindRsa.prepare(msg, RANDOM);
                // Blinding happens on the phone: done before the clock starts so the figure is the server's.
                ballots.add(new Ballot(u, roundId, keyId, key, items, prepared, BlindRsa.blind(key, prepared, RANDOM), new byte[1][]));
            }
        });
        List<Ballot> all = new ArrayList<>(ballots);
        Collections.shuffle(all, RANDOM);
        say("issuing " + all.size() + " ballots (closed loop, " + concurrency + " clients)");
        Stats ballotLatency = new Stats();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        parallel(all.size(), concurrency, i -> {
            Ballot b = all.get(i);
            ObjectNode body = JSON.createObjectNode().put("blindedMsg", Base64Url.encode(b.blinding().blindedMsg()));
            long t = System.nanoTime();
            HttpResponse<String> r = send("POST", gateway + "/api/rounds/" + b.roundId() + "/ballots", tokens.get(b.user()), body);
            ballotLatency.record(System.nanoTime() - t);
            if (r.statusCode() == 200) {
                b.finalSig()[0] = Base64Url.decode(JSON.readTree(r.body()).path("blindSig").asText());
            } else if (failed.incrementAndGet() <= 3) {
                say("ballot refused: " + r.statusCode() + " " + r.body());
            }
        });
        double secs = (System.nanoTime() - start) / 1e9;
        List<Ballot> signed = all.stream().filter(b -> b.finalSig()[0] != null).toList();
        table.put("issuance", String.valueOf(signed.size() / secs));
        table.put("ballotLatency", f2(ballotLatency.pctMs(50)) + " / " + f2(ballotLatency.pctMs(99)) + (failed.get() > 0 ? " (" + failed + " refused)" : ""));
        List<byte[]> sigs = new ArrayList<>();
        for (Ballot b : signed) {
            sigs.add(BlindRsa.finalizeSignature(b.key(), b.prepared(), b.finalSig()[0], b.blinding().inv()));
        }

        // Watch analytics count the answers: participation per round, polled while submissions run.
        Map<String, List<long[]>> observed = new ConcurrentHashMap<>();
        Map<String, List<Long>> acceptedAt = new ConcurrentHashMap<>();
        roundIds.forEach(r -> {
            observed.put(r, Collections.synchronizedList(new ArrayList<>()));
            acceptedAt.put(r, Collections.synchronizedList(new ArrayList<>()));
        });
        AtomicLong stopPolling = new AtomicLong(Long.MAX_VALUE);
        Thread poller = Thread.ofPlatform().start(() -> {
            while (System.nanoTime() < stopPolling.get()) {
                for (String roundId : roundIds) {
                    try {
                        JsonNode p = call("GET", gateway + "/api/analytics/rounds/" + roundId + "/participation", hr, null);
                        // Cells are subtree totals: the root row ("/") is the whole round, including people whose
                        // small unit was merged up into it; summing the top-level rows would miss those.
                        long responded = -1;
                        for (JsonNode u : p.path("units")) {
                            if (u.path("unitPath").asText().equals("/")) {
                                responded = u.path("responded").asLong();
                            }
                        }
                        if (responded < 0) {
                            continue; // not known to analytics yet
                        }
                        observed.get(roundId).add(new long[] {System.nanoTime(), responded});
                    } catch (Exception e) {
                        // the round may not be known to analytics yet
                    }
                }
                sleep(100);
            }
        });

        int half = signed.size() / 2;
        Stats viaGateway = new Stats();
        Stats direct = new Stats();
        AtomicInteger throttled = new AtomicInteger();
        say("submitting " + half + " answers through the gateway, " + (signed.size() - half) + " directly to survey-service");
        double[] rates = new double[2];
        for (int phase = 0; phase < 2; phase++) {
            int from = phase == 0 ? 0 : half;
            int to = phase == 0 ? half : signed.size();
            String base = phase == 0 ? gateway : survey;
            Stats lat = phase == 0 ? viaGateway : direct;
            AtomicInteger ok = new AtomicInteger();
            long s = System.nanoTime();
            parallel(to - from, concurrency, i -> {
                Ballot b = signed.get(from + i);
                ObjectNode body = JSON.createObjectNode().put("roundId", b.roundId()).put("keyId", b.keyId());
                body.putObject("token").put("msg", Base64Url.encode(b.prepared())).put("sig", Base64Url.encode(sigs.get(from + i)));
                ObjectNode answers = body.putObject("answers");
                b.items().forEach(item -> answers.put(item, 1 + RANDOM.nextInt(5)));
                for (int attempt = 0; attempt < 200; attempt++) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = send("POST", base + "/api/responses", null, body);
                    if (r.statusCode() == 429) { // the gateway's anonymous-route bucket: back off and retry
                        throttled.incrementAndGet();
                        sleep(20);
                        continue;
                    }
                    lat.record(System.nanoTime() - t);
                    if (r.statusCode() == 202) {
                        ok.incrementAndGet();
                        acceptedAt.get(b.roundId()).add(System.nanoTime());
                    } else {
                        say("submission refused: " + r.statusCode() + " " + r.body());
                    }
                    return;
                }
            });
            rates[phase] = ok.get() / ((System.nanoTime() - s) / 1e9);
        }
        table.put("acceptedGateway", String.valueOf(rates[0]));
        table.put("acceptedDirect", String.valueOf(rates[1]));
        table.put("submitLatency", f2(viaGateway.pctMs(50)) + " / " + f2(viaGateway.pctMs(99)) + " | " + f2(direct.pctMs(50)) + " / " + f2(direct.pctMs(99)));
        table.put("throttled", throttled.get() > 0 ? throttled.get() + " x 429 from the gateway's anonymous rate limit (retried)" : "");

        // Wait (bounded) until analytics has counted everything, then match the k-th acceptance with the k-th count.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !allCounted(observed, acceptedAt)) {
            sleep(200);
        }
        stopPolling.set(0);
        poller.join();
        Stats counted = new Stats();
        int missing = 0;
        for (String roundId : roundIds) {
            List<Long> acc = new ArrayList<>(acceptedAt.get(roundId));
            Collections.sort(acc);
            List<long[]> obs = new ArrayList<>(observed.get(roundId));
            for (int k = 0; k < acc.size(); k++) {
                long seenAt = -1;
                for (long[] o : obs) {
                    if (o[1] >= k + 1 && o[0] >= acc.get(k)) {
                        seenAt = o[0];
                        break;
                    }
                }
                if (seenAt < 0) {
                    missing++;
                } else {
                    counted.record(seenAt - acc.get(k));
                }
            }
        }
        table.put("countedLatency", f2(counted.pctMs(50)) + " / " + f2(counted.pctMs(99)));
        table.put("countedNote", "participation polled every ~100 ms x " + roundIds.size() + " rounds" + (missing > 0 ? "; " + missing + " not counted within 30 s" : ""));
    }

    /** Bench rounds never stay open, not even after a failed run: demo clients take the first open round. */
    private void closeBenchRounds(String hr, List<String> known) {
        List<String> open = new ArrayList<>(known);
        try {
            for (JsonNode c : call("GET", survey + "/api/campaigns", hr, null)) {
                if (c.path("name").asText().startsWith(BENCH_PREFIX) && c.hasNonNull("openRoundId")
                        && !open.contains(c.path("openRoundId").asText())) {
                    open.add(c.path("openRoundId").asText());
                }
            }
        } catch (Exception e) {
            say("could not list campaigns: " + e.getMessage());
        }
        for (String roundId : open) {
            try {
                call("POST", survey + "/api/rounds/" + roundId + "/close", hr, null);
            } catch (Exception e) {
                say("could not close bench round " + roundId + ": " + e.getMessage());
            }
        }
    }

    private static boolean allCounted(Map<String, List<long[]>> observed, Map<String, List<Long>> acceptedAt) {
        for (var e : acceptedAt.entrySet()) {
            List<long[]> obs = observed.get(e.getKey());
            long last;
            synchronized (obs) {
                last = obs.isEmpty() ? 0 : obs.get(obs.size() - 1)[1];
            }
            if (last < e.getValue().size()) {
                return false;
            }
        }
        return true;
    }

    private void heatmap(String hr) throws Exception {
        String roundId = HeatmapSeed.ROUND_ID.toString();
        String url = "jdbc:postgresql://" + host + ":" + env.getOrDefault("POSTGRES_PORT", "5433") + "/" + env.getOrDefault("ANALYTICS_DB", "analyticsdb");
        say("heatmap: seeding a closed bench round with 1,000,000 responses over 200 units into analyticsdb (once)");
        String seeded = HeatmapSeed.ensure(url, env.get("ANALYTICS_DB_USER"), env.get("ANALYTICS_DB_PASSWORD"));
        Stats lat = new Stats();
        int status = 0;
        int cells = 0;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        for (int i = 0; i < 220 && System.nanoTime() < end; i++) {
            long t = System.nanoTime();
            HttpResponse<String> r = send("GET", gateway + "/api/analytics/rounds/" + roundId + "/heatmap", hr, null);
            if (i >= 20) {
                lat.record(System.nanoTime() - t);
            }
            status = r.statusCode();
            if (i == 0) {
                cells = r.body().split("\"unitId\"").length - 1;
            }
        }
        table.put("heatmap", status == 200 ? f2(lat.pctMs(50)) + " / " + f2(lat.pctMs(99)) : "HTTP " + status);
        table.put("heatmapNote", seeded + "; " + lat.count() + " sequential GETs after 20 warm-up; " + cells + " unit rows returned");
    }

    private void rss() throws Exception {
        Path run = Path.of(env.getOrDefault("PULSE_RUN_DIR", ".state/run"));
        StringBuilder sb = new StringBuilder();
        long total = 0;
        if (Files.isDirectory(run)) {
            try (var files = Files.list(run)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".pid")).sorted().toList()) {
                    String pid = Files.readAllLines(f).get(0).trim();
                    long kb = Rss.ofSessionKb(Long.parseLong(pid));
                    total += kb;
                    sb.append(f.getFileName().toString().replace(".pid", "")).append(' ').append(kb / 1024).append(", ");
                }
            }
        }
        long self = Rss.ofSessionKb(ProcessHandle.current().pid());
        table.put("rss", sb + "stack total " + total / 1024 + " (bench client " + self / 1024 + ")");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private interface Task {
        void run(int i) throws Exception;
    }

    private static void parallel(int n, int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Exception> errors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n && errors.isEmpty(); i = next.getAndIncrement()) {
                    try {
                        task.run(i);
                    } catch (Exception e) {
                        errors.add(e);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("phase did not finish within 3 minutes");
        }
        if (!errors.isEmpty()) {
            throw errors.peek();
        }
    }

    private String login(String user) throws Exception {
        String form = "grant_type=password&client_id=pulse-cli&username=" + enc(user) + "&password=" + enc(user);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/pulse/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + r.statusCode());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(String method, String url, String token, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String method, String url, String token, JsonNode body) throws Exception {
        HttpResponse<String> r = send(method, url, token, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + url + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** The client-side anonymity check (as in the phone app): the key is listed and every unit has one key. */
    private static RSAPublicKey checkedKey(JsonNode keys, String keyId) {
        var units = new java.util.HashSet<String>();
        RSAPublicKey mine = null;
        for (JsonNode k : keys) {
            if (!units.add(k.path("unitId").asText())) {
                throw new IllegalStateException("two keys for one unit");
            }
            if (k.path("keyId").asText().equals(keyId)) {
                mine = RoundKeys.parsePublicKeySpki(k.path("publicKey").asText());
            }
        }
        if (mine == null) {
            throw new IllegalStateException("key " + keyId + " not published");
        }
        return mine;
    }

    private static String user(int i) {
        return String.format("emp%03d", i + 1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAvg() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    private static String f(double v) {
        return String.format("%,.0f", v);
    }

    private static String f2(double v) {
        return String.format("%.1f", v);
    }

    private static String pct(double v) {
        return String.format("%.1f %%", 100 * v);
    }

    private void row(String what, String value, String note) {
        rows.add(String.format("| %-58s | %-40s | %s |", what, value, note == null ? "" : note));
    }

    private void printTable() {
        System.out.println();
        System.out.println(String.format("| %-58s | %-40s | %s |", "measure", "value", "ratio / note"));
        System.out.println("|" + "-".repeat(60) + "|" + "-".repeat(42) + "|---|");
        rows.forEach(System.out::println);
    }

    private static void say(String s) {
        System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), s);
    }
}
