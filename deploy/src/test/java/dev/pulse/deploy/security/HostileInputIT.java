package dev.pulse.deploy.security;

import static dev.pulse.deploy.security.Live.call;
import static dev.pulse.deploy.security.Live.count;
import static dev.pulse.deploy.security.Live.require;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.crypto.Base64Url;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Hostile input through the gateway: a deterministic (seeded) stream of malformed and adversarial requests
 * against every public route must produce no 5xx, only problem+json errors, and no change of state (responses,
 * spent tokens, issued ballots, campaigns, rounds, analytics counts). Then ballot abuse: many parallel ballot
 * requests for one person and many parallel replays of one token — exactly one of each wins.
 *
 * <p>The gateway rate-limits the anonymous route (one global bucket) and ballots (per person, burst 10), which
 * would turn most of the run into 429s. The suite therefore sends its requests through its own gateway
 * ({@link TestGateway}: the same build, in front of the same services, limits raised by system properties for
 * this process only); the production configuration and the shared gateway keep their limits. A 429 would still
 * be an acceptable refusal and is reported.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT {
    private static final long SEED = Long.parseLong(Live.env("PULSE_FUZZ_SEED", "20260421"));
    private static final int REQUESTS = Integer.parseInt(Live.env("PULSE_FUZZ_REQUESTS", "10400"));
    private static final Duration BUDGET = Duration.ofSeconds(150);
    private static final int THREADS = 8;
    private static final SecureRandom CRYPTO = new SecureRandom();
    private static final String MARKER = "FUZZ-" + UUID.randomUUID().toString().substring(0, 8);

    /** Strings that broke parsers, databases and templates elsewhere. */
    private static final List<String> NASTY = List.of("' OR '1'='1", "'; drop table response; --", "\" OR 1=1 --",
            "1; select pg_sleep(5)", "$(id)", "`id`", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
            "{{7*7}}", "${jndi:ldap://127.0.0.1:1/x}", "#{7*7}", "../../../../etc/passwd", "..%2f..%2fetc%2fpasswd",
            "%00", "\u0000", "\ud800", "\udfff", "\u202e\u0041\u0042", "\u200b", "\ufeff", "\uffff", "Ω≈ç√∫", "😀👍🏽🇩🇪",
            "ﷺ", "e\u0301", "𝕬𝖇𝖈", "\r\nX-Injected: 1", "null", "true", "-1", "1e309", "NaN", "0x41",
            "\\u0000", "%", "%%", "%s%s%s%n", "a".repeat(5000), "/production", "00000000-0000-0000-0000-000000000000");

    private static String roundA;
    private static String closedRound;
    private static JsonNode myRoundA;
    private static Live.Ballot validA;
    private static Live.Ballot closedBallot;
    private static String keyOfClosed;
    private static String campaignOfClosed;
    private static final List<String> ELIGIBLE_WITHOUT_BALLOT = new ArrayList<>();
    private static TestGateway gateway;

    @BeforeAll
    static void rounds_and_ballots() throws Exception {
        gateway = TestGateway.start(Map.of("pulse.gateway.rate-limit.anonymous.capacity", "1000000",
                "pulse.gateway.rate-limit.anonymous.refill-per-second", "1000000",
                "pulse.gateway.rate-limit.ballots.capacity", "1000000", "pulse.gateway.rate-limit.ballots.refill-per-second", "1000000"));
        Live.via = gateway.url;
        String[] closed = Live.openRound("Fuzz (closed)");
        campaignOfClosed = closed[0];
        closedRound = closed[1];
        closedBallot = Live.ballot("emp060", closedRound, CRYPTO);
        keyOfClosed = closedBallot.keyId();
        Live.closeRound(closedRound);
        roundA = Live.openRound("Fuzz (open)")[1];
        myRoundA = Live.myRound("emp061", roundA).orElseThrow();
        validA = Live.ballot("emp061", roundA, CRYPTO);
        for (int i = 100; i <= 119; i++) {
            ELIGIBLE_WITHOUT_BALLOT.add(String.format("emp%03d", i));
        }
        ELIGIBLE_WITHOUT_BALLOT.forEach(Live::token);
        Live.token("hr");
        Live.token("manager");
    }

    @AfterAll
    static void close() throws Exception {
        if (roundA != null) {
            Live.closeRound(roundA);
        }
        if (gateway != null) {
            Live.via = Live.GATEWAY;
            gateway.close();
        }
    }

    record Req(String category, String method, String path, Map<String, String> headers, byte[] body) {
    }

    record State(Map<String, Long> counts) {
    }

    static State state() throws Exception {
        Map<String, Long> c = new TreeMap<>();
        try (Connection s = Live.surveyDb(); Connection a = Live.analyticsDb()) {
            for (String round : List.of(roundA, closedRound)) {
                UUID id = UUID.fromString(round);
                String tag = round.equals(roundA) ? "open round" : "closed round";
                c.put(tag + ": responses", count(s, "select count(*) from response where round_id = ?", id));
                c.put(tag + ": spent tokens", count(s, "select count(*) from spent_token where round_id = ?", id));
                c.put(tag + ": ballots issued", count(s, "select count(*) from roster where round_id = ? and ballot_issued", id));
                c.put(tag + ": analytics respondents", count(a,
                        "select coalesce(sum(respondents), 0) from unit_aggregate where round_id = ?", id));
                c.put(tag + ": status open", count(s, "select count(*) from round where id = ? and status = 'OPEN'", id));
            }
            c.put("rounds of the fuzz campaign", count(s, "select count(*) from round where campaign_id = ?",
                    UUID.fromString(campaignOfClosed)));
            c.put("campaigns named by the fuzz", count(s, "select count(*) from campaign where name like ?", "%" + MARKER + "%"));
        }
        return new State(c);
    }

    // ---- the generator -----------------------------------------------------------------------

    private static Map<String, String> json() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return h;
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            h.put(kv[i], kv[i + 1]);
        }
        return h;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        return Live.JSON.valueToTree(s).toString();
    }

    private static String pick(Random r, List<String> l) {
        return l.get(r.nextInt(l.size()));
    }

    private static String nasty(Random r) {
        return pick(r, NASTY);
    }

    /** A JSON value of some type other than the one expected. */
    private static String wrongValue(Random r) {
        return switch (r.nextInt(12)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "[]";
            case 3 -> "{}";
            case 4 -> "-1";
            case 5 -> "0";
            case 6 -> "6";
            case 7 -> "2147483648";
            case 8 -> "1.5";
            case 9 -> "1e308";
            case 10 -> "[1,2,3]";
            default -> q(nasty(r));
        };
    }

    private static String flip(String b64, Random r) {
        byte[] bytes = Base64Url.decode(b64);
        bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
        return Base64Url.encode(bytes);
    }

    private static String truncate(String b64, Random r) {
        byte[] bytes = Base64Url.decode(b64);
        byte[] cut = new byte[r.nextInt(bytes.length)];
        System.arraycopy(bytes, 0, cut, 0, cut.length);
        return Base64Url.encode(cut);
    }

    private static String answers(Random r, int mode) {
        List<String> items = new ArrayList<>();
        myRoundA.path("items").forEach(i -> items.add(i.path("id").asText()));
        StringBuilder b = new StringBuilder("{");
        for (String item : items) {
            b.append(b.length() > 1 ? "," : "").append(q(item)).append(':');
            b.append(mode == 0 ? String.valueOf(1 + r.nextInt(5)) : wrongValue(r));
        }
        if (mode == 2) {
            b.append(b.length() > 1 ? "," : "").append(q(nasty(r))).append(":3");
        }
        if (mode == 3) {
            b.append(b.length() > 1 ? "," : "").append("\"no-such-item\":3");
        }
        return b.append('}').toString();
    }

    /**
     * One adversarial submission. Every variant is invalid in at least one way that the service must
     * notice before anything is stored; several reuse the one valid unspent token of the open round so
     * "the signature verified, then something else failed" is exercised too.
     */
    private static Req submission(Random r) {
        String path = "/api/responses";
        String round = roundA;
        String keyId = validA.keyId();
        String msg = validA.msg();
        String sig = validA.sig();
        String ans = answers(r, 0);
        String extra = "";
        String category;
        switch (r.nextInt(16)) {
            case 0 -> { category = "flipped signature"; sig = flip(sig, r); }
            case 1 -> { category = "truncated signature"; sig = truncate(sig, r); }
            case 2 -> { category = "flipped message"; msg = flip(msg, r); }
            case 3 -> { category = "truncated message"; msg = truncate(msg, r); }
            case 4 -> { category = "valid token, out-of-range or mistyped answers"; ans = answers(r, 1); }
            case 5 -> { category = "valid token, injected answer key"; ans = answers(r, 2); }
            case 6 -> { category = "valid token, unknown item"; ans = answers(r, 3); }
            case 7 -> { category = "key of another round"; keyId = keyOfClosed; }
            case 8 -> { category = "token of a closed round"; round = closedRound; keyId = closedBallot.keyId();
                msg = closedBallot.msg(); sig = closedBallot.sig(); }
            case 9 -> { category = "random round"; round = UUID.randomUUID().toString(); }
            case 10 -> { category = "injection in ids"; round = r.nextBoolean() ? nasty(r) : round;
                keyId = r.nextBoolean() ? nasty(r) : nasty(r) + keyId; }
            case 11 -> { category = "injection in token"; msg = r.nextBoolean() ? nasty(r) : msg; sig = nasty(r); }
            case 12 -> { category = "valid token, unknown fields"; ans = answers(r, 1);
                extra = ",\"userId\":\"emp001\",\"__proto__\":{\"admin\":true},\"ip\":\"127.0.0.1\""; }
            case 13 -> { category = "valid token, empty answers"; ans = r.nextBoolean() ? "{}" : wrongValue(r); }
            case 14 -> { category = "signature of random bytes"; byte[] s = new byte[256]; r.nextBytes(s); sig = Base64Url.encode(s); }
            default -> { category = "valid token, answers as strings"; ans = ans.replaceAll(":(\\d)", ":\"$1\""); }
        }
        String body = "{\"roundId\":" + q(round) + ",\"keyId\":" + q(keyId) + ",\"token\":{\"msg\":" + q(msg) + ",\"sig\":"
                + q(sig) + "},\"answers\":" + ans + extra + "}";
        return new Req("responses: " + category, "POST", path, json(), utf8(body));
    }

    /** Structurally broken or oddly delivered bodies on the anonymous route. */
    private static Req brokenSubmission(Random r) {
        String good = validA.submission(roundA, answers(r, 1));
        String path = "/api/responses";
        return switch (r.nextInt(14)) {
            case 0 -> new Req("responses: truncated JSON", "POST", path, json(), utf8(good.substring(0, r.nextInt(good.length()))));
            case 1 -> { byte[] b = utf8(good); b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                yield new Req("responses: bit-flipped body", "POST", path, json(), b); }
            case 2 -> { byte[] b = new byte[r.nextInt(2048)]; r.nextBytes(b); yield new Req("responses: random bytes", "POST", path, json(), b); }
            case 3 -> new Req("responses: huge body", "POST", path, json(), utf8("{\"roundId\":\"" + "x".repeat(70_000 + r.nextInt(200_000)) + "\"}"));
            case 4 -> new Req("responses: deep nesting", "POST", path, json(), utf8("[".repeat(5_000 + r.nextInt(20_000))));
            case 5 -> new Req("responses: wrong JSON type", "POST", path, json(), utf8(pick(r, List.of("null", "[]", "\"x\"", "42",
                    "{\"roundId\":" + wrongValue(r) + "}", "{\"token\":" + wrongValue(r) + ",\"roundId\":\"" + roundA + "\",\"keyId\":\""
                            + validA.keyId() + "\",\"answers\":{}}", "{\"answers\":" + wrongValue(r) + "}"))));
            case 6 -> new Req("responses: empty body", "POST", path, json(), new byte[0]);
            case 7 -> new Req("responses: wrong content type", "POST", path,
                    headers("Content-Type", pick(r, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/octet-stream"))),
                    utf8(good));
            case 8 -> new Req("responses: no content type", "POST", path, headers(), utf8(good));
            case 9 -> new Req("responses: wrong method", pick(r, List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS")), path, json(),
                    r.nextBoolean() ? utf8(good) : null);
            case 10 -> new Req("responses: path variants", "POST", pick(r, List.of("/api/responses/", "//api//responses",
                    "/api/responses/x", "/api/responses?roundId=" + roundA, "/api/./responses", "/api/responses/..;/campaigns",
                    "/api/Responses", "/api/responses%2f", "/api/responses/%00")), json(), utf8(good));
            case 11 -> new Req("responses: duplicate keys", "POST", path, json(), utf8(good.replaceFirst("\\{", "{\"roundId\":\""
                    + closedRound + "\",")));
            case 12 -> new Req("responses: identity headers", "POST", path, headers("Content-Type", "application/json",
                    "Authorization", "Bearer " + Live.token("emp100"), "Cookie", "q_session=x", "X-Forwarded-For", "127.0.0.9",
                    "Forwarded", "for=127.0.0.9"), utf8(good));
            default -> new Req("responses: invalid UTF-8", "POST", path, json(), concat(utf8("{\"roundId\":\""),
                    new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF}, utf8("\"}")));
        };
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }

    /**
     * Ballot requests by eligible people who have no ballot yet, with blinded messages that no honest client
     * sends (not base64url, empty, too short or long, ≥ the modulus): none may issue a ballot or mark the
     * person as served.
     */
    private static Req ballot(Random r) {
        String user = pick(r, ELIGIBLE_WITHOUT_BALLOT);
        String round = r.nextInt(10) == 0 ? pick(r, List.of(closedRound, UUID.randomUUID().toString(), nasty(r))) : roundA;
        String blinded = switch (r.nextInt(9)) {
            case 0 -> q("");
            case 1 -> q(Base64Url.encode(new byte[] {0x01}));
            case 2 -> { byte[] b = new byte[256]; java.util.Arrays.fill(b, (byte) 0xFF); yield q(Base64Url.encode(b)); }
            case 3 -> { byte[] b = new byte[257 + r.nextInt(300)]; r.nextBytes(b); yield q(Base64Url.encode(b)); }
            case 4 -> { byte[] b = new byte[1 + r.nextInt(200)]; r.nextBytes(b); yield q(Base64Url.encode(b)); }
            case 5 -> q(nasty(r));
            case 6 -> q(Base64.getEncoder().encodeToString(new byte[256]).replace('A', '+'));
            case 7 -> q(Base64Url.encode(new byte[256]));
            default -> wrongValue(r);
        };
        String body = r.nextInt(8) == 0 ? "{\"blindedMsg\":" + blinded + ",\"unit\":\"/it\",\"keyId\":\"" + keyOfClosed + "\"}"
                : "{\"blindedMsg\":" + blinded + "}";
        Map<String, String> h = json();
        h.put("Authorization", "Bearer " + Live.token(user));
        String path = "/api/rounds/" + encodePath(round) + "/ballots";
        return new Req("ballots: malformed blinded message", "POST", path, h, utf8(body));
    }

    private static String encodePath(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Everything else: ids, query parameters, headers and bodies on the identity and analytics routes. */
    private static Req other(Random r) {
        String who = pick(r, List.of("hr", "manager", "emp001", "emp050"));
        String id = pick(r, List.of(nasty(r), UUID.randomUUID().toString(), roundA, closedRound, "", "0", "-1",
                "x".repeat(3000)));
        String eid = encodePath(id);
        Map<String, String> h = headers("Authorization", "Bearer " + Live.token(who));
        switch (r.nextInt(12)) {
            case 0: return new Req("keys: odd round ids", "GET", "/api/rounds/" + eid + "/keys", headers(), null);
            case 1: return new Req("me: odd authorization", "GET", "/api/me/rounds", headers("Authorization",
                    pick(r, List.of("Bearer", "Bearer ", "Basic ZW1wMDAxOmVtcDAwMQ==", "Bearer " + nasty(r).replaceAll("[^ -~]", "?"),
                            "Bearer a.b.c", "Bearer " + Live.token(who) + "x", "bearer " + Live.token(who).substring(0, 40),
                            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJociJ9."))), null);
            case 2: return new Req("analytics results: odd ids and units", "GET", "/api/analytics/rounds/" + eid + "/results?unit="
                    + encodePath(nasty(r)), h, null);
            case 3: return new Req("analytics heatmap/participation: odd ids", "GET", "/api/analytics/rounds/" + eid + "/"
                    + pick(r, List.of("heatmap", "participation", "results", "nothing")), accept(h, r), null);
            case 4: return new Req("analytics trends: odd parameters", "GET", "/api/analytics/campaigns/" + encodePath(
                    r.nextBoolean() ? campaignOfClosed : id) + "/trends?unit=" + encodePath(nasty(r)) + "&dimension="
                    + encodePath(nasty(r)), accept(h, r), null);
            case 5: {
                // HR creates campaigns: bodies with wrong types, injection and impossible values. A variant that
                // happens to be valid is allowed to create its campaign (it carries the marker and is counted).
                Map<String, String> hr = headers("Authorization", "Bearer " + Live.token("hr"), "Content-Type", "application/json");
                String body = "{\"name\":" + q(MARKER + " " + nasty(r)) + ",\"schedule\":" + pick(r, List.of(q(nasty(r)),
                        q("0 0 9 ? * MON"), wrongValue(r), q("* * * * * * * *"))) + ",\"timeZone\":" + pick(r, List.of(q("Europe/Berlin"),
                        q(nasty(r)), wrongValue(r))) + ",\"roundDuration\":" + pick(r, List.of(q("P5D"), q("P-5D"), q("PT0S"),
                        q("P99999999D"), wrongValue(r))) + ",\"units\":" + pick(r, List.of("[" + q(nasty(r)) + "]", "[]",
                        wrongValue(r), "[\"/production\",\"/production\"]")) + ",\"itemsPerRound\":" + pick(r, List.of("0", "-3",
                        "1000", "2147483648", wrongValue(r))) + "}";
                return new Req("campaigns: hostile bodies (hr)", "POST", "/api/campaigns", hr,
                        r.nextInt(6) == 0 ? utf8(body.substring(0, r.nextInt(body.length()))) : utf8(body));
            }
            case 6: return new Req("campaigns: open round of odd ids (hr)", "POST", "/api/campaigns/" + eid + "/rounds",
                    headers("Authorization", "Bearer " + Live.token("hr")), null);
            case 7: return new Req("rounds: close odd ids (hr)", "POST", "/api/rounds/" + encodePath(
                    r.nextBoolean() ? UUID.randomUUID().toString() : nasty(r)) + "/close",
                    headers("Authorization", "Bearer " + Live.token("hr")), null);
            case 8: return new Req("any route: wrong method", pick(r, List.of("PUT", "DELETE", "PATCH")), pick(r, List.of(
                    "/api/me/rounds", "/api/rounds/" + roundA + "/keys", "/api/rounds/" + roundA + "/ballots", "/api/campaigns",
                    "/api/rounds/" + roundA + "/close", "/api/analytics/rounds/" + closedRound + "/results")), h, null);
            case 9: return new Req("unknown routes", "GET", pick(r, List.of("/api", "/api/", "/api/" + eid, "/api/rounds",
                    "/api/rounds/" + eid, "/api/analytics", "/api/analytics/" + eid, "/api/%2e%2e/q/health", "/api/..%2f..%2fq%2fmetrics",
                    "/api/rounds/" + roundA + "/keys/../close", "/api/rounds;a=b/x/keys")), h, null);
            case 10: return new Req("catalogue: odd parameters", "GET", "/api/catalogue/" + pick(r, List.of("items", "dimensions",
                    eid)) + "?lang=" + encodePath(nasty(r)), headers("Accept-Language", nasty(r).replaceAll("[^ -~]", "?")), null);
            default: return new Req("analytics: odd accept", "GET", "/api/analytics/rounds/" + closedRound + "/results", headers(
                    "Authorization", "Bearer " + Live.token(who), "Accept", pick(r, List.of("application/xml", "text/html",
                            "image/png", "text/csv;q=0.1, application/json;q=0.2", "*/*;q=0", "text/*"))), null);
        }
    }

    private static Map<String, String> accept(Map<String, String> h, Random r) {
        Map<String, String> copy = new LinkedHashMap<>(h);
        if (r.nextBoolean()) {
            copy.put("Accept", "text/csv");
        }
        return copy;
    }

    static List<Req> generate(long seed, int n) {
        Random r = new Random(seed);
        List<Req> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int d = r.nextInt(100);
            all.add(d < 45 ? submission(r) : d < 65 ? brokenSubmission(r) : d < 75 ? ballot(r) : other(r));
        }
        return all;
    }

    // ---- the run -----------------------------------------------------------------------------

    private static HttpRequest toHttp(Req q) {
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(gateway.url + q.path()));
        } catch (IllegalArgumentException e) {
            b = HttpRequest.newBuilder(URI.create(gateway.url + "/api/" + encodePath(q.path())));
        }
        b.timeout(Duration.ofSeconds(15));
        q.headers().forEach(b::header);
        b.method(q.method(), q.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(q.body()));
        return b.build();
    }

    @Test
    @Order(1)
    void ten_thousand_hostile_requests_cause_no_5xx_only_problems_and_no_state_change() throws Exception {
        List<Req> requests = generate(SEED, REQUESTS);
        State before = state();
        Map<String, Map<Integer, AtomicInteger>> byCategory = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger fiveXx = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        AtomicInteger resent = new AtomicInteger();
        long deadline = System.nanoTime() + BUDGET.toNanos();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int slice = t;
                futures.add(pool.submit(() -> {
                    for (int i = slice; i < requests.size() && System.nanoTime() < deadline; i += THREADS) {
                        Req q = requests.get(i);
                        int status;
                        String contentType;
                        String body;
                        HttpResponse<String> res = null;
                        body = "";
                        // A pooled keep-alive connection the server closed in the meantime fails without an
                        // answer; such a request is sent once more (and counted) before it counts as unanswered.
                        for (int attempt = 0; attempt < 2 && res == null; attempt++) {
                            try {
                                res = Live.HTTP.send(toHttp(q), HttpResponse.BodyHandlers.ofString());
                            } catch (java.io.IOException e) {
                                body = e.toString();
                                if (attempt == 0) {
                                    resent.incrementAndGet();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return null;
                            }
                        }
                        status = res == null ? -1 : res.statusCode();
                        contentType = res == null ? "" : res.headers().firstValue("Content-Type").orElse("");
                        body = res == null ? body : res.body();
                        done.incrementAndGet();
                        byCategory.computeIfAbsent(q.category(), k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                        if (status == 429) {
                            limited.incrementAndGet();
                        }
                        String problem = verdict(q, status, contentType, body);
                        if (problem != null) {
                            if (status >= 500) {
                                fiveXx.incrementAndGet();
                            }
                            if (failures.size() < 40) {
                                failures.add("#" + i + " " + q.category() + " " + q.method() + " " + abbreviate(q.path(), 100)
                                        + " -> " + status + " " + contentType + ": " + problem + " | " + abbreviate(body, 200));
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(BUDGET.toSeconds() + 30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(1500); // let an erroneously accepted response reach the outbox relay and analytics
        State after = state();

        System.out.printf("hostile input: %d requests (seed %d) in %.1f s, %d x 5xx, %d x 429,"
                + " %d re-sent after a dropped keep-alive connection, %d findings%n", done.get(), SEED, seconds, fiveXx.get(),
                limited.get(), resent.get(), failures.size());
        new TreeMap<>(byCategory).forEach((k, v) -> System.out.printf("  %-55s %s%n", k, new TreeMap<>(v)));
        System.out.println("  state before: " + before.counts());
        System.out.println("  state after:  " + after.counts());
        failures.forEach(f -> System.out.println("  FINDING " + f));
        assertTrue(done.get() >= 10_000, "at least 10,000 requests within " + BUDGET + " (sent " + done.get() + ")");
        assertTrue(failures.isEmpty(), failures.size() + " findings, first: " + failures.peek());
        Map<String, Long> expected = new TreeMap<>(before.counts());
        long created = byCategory.getOrDefault("campaigns: hostile bodies (hr)", Map.of()).getOrDefault(201, new AtomicInteger())
                .get();
        expected.merge("campaigns named by the fuzz", created, Long::sum);
        assertEquals(expected, after.counts(), "no state changed (except campaigns a valid hr body legitimately created)");
    }

    /** null if the answer is acceptable for this hostile request, else why not. */
    private static String verdict(Req q, int status, String contentType, String body) {
        if (status >= 500) {
            return "server error";
        }
        if (status == -1) {
            return q.category().endsWith("huge body") ? null : "no HTTP answer";
        }
        if (q.category().startsWith("responses") || q.category().startsWith("ballots")) {
            if (status < 400 && !(q.method().equals("OPTIONS"))) {
                return "a hostile " + q.category() + " was accepted";
            }
        }
        if (q.category().startsWith("responses: valid token") && status != 400 && status != 429) {
            return "a valid token with invalid answers must be a 400 (and stay unspent)";
        }
        if (status >= 400 && !contentType.startsWith("application/problem+json")) {
            return "error is not problem+json";
        }
        return null;
    }

    private static String abbreviate(String s, int n) {
        return s == null ? "" : s.length() > n ? s.substring(0, n) + "…" : s;
    }

    // ---- ballot abuse ------------------------------------------------------------------------

    private static Map<Integer, Integer> inParallel(int n, Supplier<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return call.get();
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> f : fs) {
                statuses.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(2)
    void parallel_ballot_requests_of_one_person_yield_exactly_one_ballot() throws Exception {
        String user = "emp118";
        String keyId = Live.myRound(user, roundA).orElseThrow().path("keyId").asText();
        var key = Live.publicKey(roundA, keyId);
        long issuedBefore;
        try (Connection s = Live.surveyDb()) {
            issuedBefore = count(s, "select count(*) from roster where round_id = ? and ballot_issued", UUID.fromString(roundA));
        }
        Map<Integer, Integer> statuses = inParallel(16, () -> {
            byte[] prepared = dev.pulse.crypto.BlindRsa.prepare(new byte[32], new SecureRandom());
            String blinded = Base64Url.encode(dev.pulse.crypto.BlindRsa.blind(key, prepared, new SecureRandom()).blindedMsg());
            return call("POST", gateway.url + "/api/rounds/" + roundA + "/ballots", Live.token(user),
                    "{\"blindedMsg\":\"" + blinded + "\"}").statusCode();
        });
        long issuedAfter;
        try (Connection s = Live.surveyDb()) {
            issuedAfter = count(s, "select count(*) from roster where round_id = ? and ballot_issued", UUID.fromString(roundA));
        }
        System.out.println("ballot abuse: 16 parallel ballot requests for one person -> " + statuses + ", issued +"
                + (issuedAfter - issuedBefore));
        assertEquals(1, statuses.getOrDefault(200, 0), "exactly one ballot: " + statuses);
        assertEquals(16, statuses.getOrDefault(200, 0) + statuses.getOrDefault(409, 0) + statuses.getOrDefault(429, 0),
                "the others are refused as already issued (or rate-limited): " + statuses);
        assertEquals(1, issuedAfter - issuedBefore);
    }

    @Test
    @Order(3)
    void a_token_replayed_in_parallel_is_accepted_exactly_once() throws Exception {
        String body = validA.submission(roundA, Live.answers(myRoundA, 4));
        long spentBefore;
        try (Connection s = Live.surveyDb()) {
            spentBefore = count(s, "select count(*) from response where round_id = ?", UUID.fromString(roundA));
        }
        Map<Integer, Integer> statuses = inParallel(24, () -> call("POST", gateway.url + "/api/responses", null, body).statusCode());
        long after;
        try (Connection s = Live.surveyDb()) {
            after = count(s, "select count(*) from response where round_id = ?", UUID.fromString(roundA));
        }
        System.out.println("ballot abuse: one token replayed 24 times in parallel -> " + statuses + ", responses +"
                + (after - spentBefore));
        assertEquals(1, statuses.getOrDefault(202, 0), "exactly one 202: " + statuses);
        assertEquals(24, statuses.getOrDefault(202, 0) + statuses.getOrDefault(409, 0) + statuses.getOrDefault(429, 0), "" + statuses);
        assertEquals(1, after - spentBefore);
        require(call("POST", gateway.url + "/api/responses", null, body), 409);
    }
}
