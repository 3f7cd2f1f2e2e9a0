package dev.pulse.deploy.security;

import static dev.pulse.deploy.security.Live.GATEWAY;
import static dev.pulse.deploy.security.Live.call;
import static dev.pulse.deploy.security.Live.json;
import static dev.pulse.deploy.security.Live.require;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.crypto.Base64Url;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every public route × every kind of caller → the one status the rules allow. A table, so a missing rule
 * shows up as one wrong cell. Identities are real: Keycloak tokens of realm pulse, a token of realm
 * "other" (valid signature, wrong issuer), a pulse token that really expired (minted by a throwaway
 * client with a 2 s access-token lifespan, then waited out), and a pulse token whose signature bytes were
 * flipped (a forgery). Every refusal must be problem+json.
 */
class AuthorizationMatrixIT {

    enum Who { ANONYMOUS, EMPLOYEE, MANAGER, HR, OTHER_REALM, EXPIRED, FORGED }

    private static final SecureRandom RANDOM = new SecureRandom();
    /** emp001 works in /production; "manager" manages /production. */
    private static final String EMPLOYEE = "emp001";
    private static final String EXPIRY_CLIENT = "pulse-expiry-probe";
    private static final Map<Who, String> TOKENS = new EnumMap<>(Who.class);
    private static String closedCampaign;
    private static String closedRound;
    private static String openRound;
    private static Map<String, String> units;
    private static String openRoundKey;

    @BeforeAll
    static void identities_and_rounds() throws Exception {
        TOKENS.put(Who.EMPLOYEE, Live.freshToken("pulse", "pulse-cli", EMPLOYEE));
        TOKENS.put(Who.MANAGER, Live.freshToken("pulse", "pulse-cli", "manager"));
        TOKENS.put(Who.HR, Live.freshToken("pulse", "pulse-cli", "hr"));
        TOKENS.put(Who.OTHER_REALM, Live.freshToken("other", "other-cli", "intruder"));
        TOKENS.put(Who.FORGED, forge(Live.freshToken("pulse", "pulse-cli", "hr")));
        TOKENS.put(Who.EXPIRED, expiredHrToken());

        // A closed round with results: six /production employees answer, then HR closes it.
        String[] closed = Live.openRound("Authz matrix (closed)");
        closedCampaign = closed[0];
        closedRound = closed[1];
        JsonNode mine = Live.myRound("emp002", closedRound).orElseThrow();
        for (int i = 2; i <= 7; i++) {
            Live.Ballot b = Live.ballot(String.format("emp%03d", i), closedRound, RANDOM);
            require(call("POST", GATEWAY + "/api/responses", null, b.submission(closedRound, Live.answers(mine, 1 + i % 5))), 202);
        }
        Live.closeRound(closedRound);
        // The close reaches analytics-service over Kafka: wait (bounded) until HR sees it closed, a few times in
        // a row so every analytics instance behind the gateway has it.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        for (int seen = 0; seen < 4 && System.nanoTime() < deadline; Thread.sleep(250)) {
            seen = call("GET", GATEWAY + "/api/analytics/rounds/" + closedRound + "/results", TOKENS.get(Who.HR), null)
                    .statusCode() == 200 ? seen + 1 : 0;
        }
        openRound = Live.openRound("Authz matrix (open)")[1];
        units = Live.unitIds(closedRound);
        openRoundKey = Live.myRound(EMPLOYEE, openRound).orElseThrow().path("keyId").asText();
    }

    @AfterAll
    static void close_the_open_round() {
        if (openRound != null) {
            Live.closeRound(openRound);
        }
    }

    /** Flip bits in the middle of the RS256 signature: same header and claims, signature no longer valid. */
    static String forge(String jwt) {
        String[] parts = jwt.split("\\.");
        byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
        sig[sig.length / 2] ^= 0x5a;
        sig[sig.length - 3] ^= 0x01;
        return parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    }

    /**
     * A token signed by realm pulse whose exp has passed. Keycloak cannot mint one in the past, so a throwaway
     * copy of pulse-cli (same mappers, hence same audience and claims) gets a 2 s access-token lifespan; its
     * token is then waited out. Re-signing a token ourselves would make it a forgery, not an expired token.
     */
    static String expiredHrToken() throws Exception {
        String admin = Live.adminToken();
        String clients = Live.KEYCLOAK + "/admin/realms/pulse/clients";
        JsonNode existing = json(require(call("GET", clients + "?clientId=" + EXPIRY_CLIENT, admin, null), 200));
        for (JsonNode c : existing) {
            require(call("DELETE", clients + "/" + c.path("id").asText(), admin, null), 204);
        }
        ObjectNode copy = (ObjectNode) json(require(call("GET", clients + "?clientId=pulse-cli", admin, null), 200)).get(0);
        copy.remove("id");
        copy.put("clientId", EXPIRY_CLIENT);
        copy.put("name", "throwaway: mints 2-second tokens for AuthorizationMatrixIT");
        ObjectNode attributes = copy.has("attributes") ? (ObjectNode) copy.get("attributes") : copy.putObject("attributes");
        attributes.put("access.token.lifespan", "2");
        for (JsonNode m : copy.path("protocolMappers")) {
            ((ObjectNode) m).remove("id");
        }
        require(call("POST", clients, admin, copy.toString()), 201);
        try {
            String token = Live.freshToken("pulse", EXPIRY_CLIENT, "hr");
            long exp = Live.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("exp").asLong();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() / 1000 <= exp + 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertTrue(System.currentTimeMillis() / 1000 > exp, "the probe token has expired");
            return token;
        } finally {
            for (JsonNode c : json(call("GET", clients + "?clientId=" + EXPIRY_CLIENT, admin, null))) {
                call("DELETE", clients + "/" + c.path("id").asText(), admin, null);
            }
        }
    }

    record Row(String method, String path, String accept, java.util.function.Supplier<String> body, int[] expected) {
        String name() {
            return method + " " + path + (accept == null ? "" : " [" + accept + "]");
        }
    }

    private static final List<Row> ROWS = new ArrayList<>();

    /** expected, in {@link Who} order: anonymous, employee, manager, hr, other realm, expired, forged. */
    private static void row(String method, String path, String accept, java.util.function.Supplier<String> body, int... expected) {
        ROWS.add(new Row(method, path, accept, body, expected));
    }

    /**
     * A blinded message is indistinguishable from a random number below the modulus, and callers sit in different
     * reporting units (different keys): a random 2048-bit value with its top bits clear fits every unit's key.
     */
    private static String blindedBallotRequest() {
        byte[] blinded = new byte[256];
        RANDOM.nextBytes(blinded);
        blinded[0] = 0x01;
        return "{\"blindedMsg\":\"" + Base64Url.encode(blinded) + "\"}";
    }

    private static String campaignBody() {
        return "{\"name\":\"Authz probe " + UUID.randomUUID() + "\",\"schedule\":\"0 0 9 1 1 ? 2099\",\"timeZone\":\"Europe/Berlin\","
                + "\"roundDuration\":\"P5D\",\"units\":[\"/it\"],\"itemsPerRound\":6}";
    }

    private static void table() {
        String unknown = UUID.randomUUID().toString();
        String production = units.get("/production");
        String logistics = units.get("/logistics");
        String maintenance = units.get("/production/maintenance");
        String r = "/api/analytics/rounds/";
        // An anonymous submission with a valid shape and a signature that verifies under no key: the
        // gateway strips every credential, so who sends it must not matter.
        String bogusSubmission = "{\"roundId\":\"" + openRound + "\",\"keyId\":\"" + openRoundKey + "\",\"token\":{\"msg\":\""
                + Base64Url.encode(new byte[64]) + "\",\"sig\":\"" + Base64Url.encode(new byte[256]) + "\"},\"answers\":{}}";
        //                                                                         anon emp  mgr  hr   oth  exp  forged
        row("GET", "/api/me/rounds", null, null,                                   401, 200, 200, 200, 401, 401, 401);
        row("GET", "/api/rounds/" + openRound + "/keys", null, null,               200, 200, 200, 200, 200, 200, 200);
        // The questionnaire is public: anyone may read what Pulse asks.
        row("GET", "/api/catalogue/items", null, null,                             200, 200, 200, 200, 200, 200, 200);
        row("POST", "/api/rounds/" + openRound + "/ballots", null, AuthorizationMatrixIT::blindedBallotRequest,
                                                                                   401, 200, 200, 200, 401, 401, 401);
        row("POST", "/api/responses", null, () -> bogusSubmission,                403, 403, 403, 403, 403, 403, 403);
        row("GET", "/api/campaigns", null, null,                                   401, 403, 403, 200, 401, 401, 401);
        row("POST", "/api/campaigns", null, AuthorizationMatrixIT::campaignBody,   401, 403, 403, 201, 401, 401, 401);
        row("POST", "/api/campaigns/" + unknown + "/rounds", null, null,           401, 403, 403, 404, 401, 401, 401);
        row("POST", "/api/rounds/" + unknown + "/close", null, null,               401, 403, 403, 404, 401, 401, 401);
        // analytics: employees their own units, managers their subtree, HR everything — closed rounds only
        row("GET", r + closedRound + "/results", null, null,                       401, 200, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/results", "text/csv", null,                 401, 200, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/results?unit=" + production, null, null,    401, 200, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/results?unit=" + maintenance, null, null,   401, 403, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/results?unit=" + logistics, null, null,     401, 403, 403, 200, 401, 401, 401);
        row("GET", r + closedRound + "/results?unit=" + logistics, "text/csv", null, 401, 403, 403, 200, 401, 401, 401);
        row("GET", r + openRound + "/results", null, null,                         401, 409, 409, 409, 401, 401, 401);
        row("GET", r + openRound + "/results", "text/csv", null,                   401, 409, 409, 409, 401, 401, 401);
        row("GET", r + closedRound + "/heatmap", null, null,                       401, 403, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/heatmap", "text/csv", null,                 401, 403, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/participation", null, null,                 401, 403, 200, 200, 401, 401, 401);
        row("GET", r + closedRound + "/participation", "text/csv", null,           401, 403, 200, 200, 401, 401, 401);
        String trends = "/api/analytics/campaigns/" + closedCampaign + "/trends?dimension=control&unit=";
        row("GET", trends + production, null, null,                                401, 200, 200, 200, 401, 401, 401);
        row("GET", trends + logistics, null, null,                                 401, 403, 403, 200, 401, 401, 401);
        row("GET", trends + logistics, "text/csv", null,                           401, 403, 403, 200, 401, 401, 401);
        row("GET", "/api/no-such-resource", null, null,                            404, 404, 404, 404, 404, 404, 404);
        // a method no route has is refused before identity is looked at (the allowed methods are public anyway)
        row("DELETE", "/api/campaigns", null, null,                                405, 405, 405, 405, 405, 405, 405);
        row("PUT", "/api/rounds/" + openRound + "/keys", null, null,               405, 405, 405, 405, 405, 405, 405);
    }

    @Test
    void every_route_answers_every_caller_exactly_as_the_rules_say() {
        table();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Row row : ROWS) {
            for (Who who : Who.values()) {
                cells++;
                int expected = row.expected()[who.ordinal()];
                HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(GATEWAY + row.path())).timeout(Duration.ofSeconds(30));
                if (TOKENS.containsKey(who)) {
                    req.header("Authorization", "Bearer " + TOKENS.get(who));
                }
                if (row.accept() != null) {
                    req.header("Accept", row.accept());
                }
                String body = row.body() == null ? null : row.body().get();
                if (body != null) {
                    req.header("Content-Type", "application/json");
                }
                req.method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
                HttpResponse<String> res = Live.send(req.build());
                String cell = String.format("%-70s %-11s expected %d got %d", row.name(), who, expected, res.statusCode());
                if (res.statusCode() != expected) {
                    wrong.add(cell + " " + abbreviate(res.body()));
                } else if (res.statusCode() >= 400 && !Live.isProblem(res)) {
                    wrong.add(cell + " but not problem+json: " + res.headers().firstValue("Content-Type").orElse("-"));
                }
            }
        }
        System.out.printf("authorization matrix: %d routes x %d callers = %d cells, %d wrong%n", ROWS.size(),
                Who.values().length, cells, wrong.size());
        wrong.forEach(w -> System.out.println("  WRONG " + w));
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cells + " cells wrong:\n" + String.join("\n", wrong));
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }
}
