package dev.pulse.deploy.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.crypto.Base64Url;
import dev.pulse.crypto.BlindRsa;
import dev.pulse.crypto.Blinding;
import dev.pulse.crypto.RoundKeys;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running local stack as the security and fault suites see it: addresses from deploy/local/stack.env
 * (exported by ./pulse, loopback defaults otherwise), real Keycloak tokens, a plain JDK HTTP client (so a
 * suite sends exactly the bytes it means to) and JDBC for before/after state counts.
 */
public final class Live {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String HOST = env("PULSE_HOST", "127.0.0.1");
    public static final String GATEWAY = "http://" + HOST + ":" + env("GATEWAY_PORT", "8080");
    public static final String ANALYTICS = "http://" + HOST + ":" + env("ANALYTICS_PORT", "8082");
    public static final String KEYCLOAK = "http://" + HOST + ":" + env("KEYCLOAK_PORT", "8180");
    public static final String KAFKA = HOST + ":" + env("KAFKA_PORT", "9092");
    static final String PG = "jdbc:postgresql://" + HOST + ":" + env("POSTGRES_PORT", "5433") + "/";
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String> CAMPAIGN_OF = new ConcurrentHashMap<>();
    /** Where the set-up helpers below send their calls: the stack's gateway unless a suite brings its own. */
    public static volatile String via = GATEWAY;

    private Live() {
    }

    public static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static Connection surveyDb() throws SQLException {
        return DriverManager.getConnection(PG + env("SURVEY_DB", "surveydb"), env("SURVEY_DB_USER", "survey"),
                env("SURVEY_DB_PASSWORD", "survey"));
    }

    public static Connection analyticsDb() throws SQLException {
        return DriverManager.getConnection(PG + env("ANALYTICS_DB", "analyticsdb"), env("ANALYTICS_DB_USER", "analytics"),
                env("ANALYTICS_DB_PASSWORD", "analytics"));
    }

    public static long count(Connection c, String sql, Object... args) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A real access token from Keycloak's password grant (demo users: password = user name). */
    public static String token(String realm, String client, String user) {
        return TOKENS.computeIfAbsent(realm + "/" + client + "/" + user, k -> freshToken(realm, client, user));
    }

    public static String token(String user) {
        return token("pulse", "pulse-cli", user);
    }

    public static String freshToken(String realm, String client, String user) {
        JsonNode body = json(form(KEYCLOAK + "/realms/" + realm + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", client, "username", user, "password", user), null));
        String token = body.path("access_token").asText(null);
        if (token == null) {
            throw new IllegalStateException("no token for " + user + "@" + realm + ": " + body);
        }
        return token;
    }

    public static String adminToken() {
        JsonNode body = json(form(KEYCLOAK + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", env("KEYCLOAK_ADMIN_USER", "admin"), "password",
                env("KEYCLOAK_ADMIN_PASSWORD", "admin")), null));
        return body.path("access_token").asText();
    }

    public static HttpResponse<String> form(String url, Map<String, String> fields, String bearer) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(b.toString()));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return send(r.build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** method url [bearer] [json body]: a request through whatever address {@code url} names. */
    public static HttpResponse<String> call(String method, String url, String bearer, String jsonBody) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        if (jsonBody != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        HttpRequest request = r.build();
        // Set-up calls ride out a service restart (the stack is shared with other suites): bounded, 90 s.
        // The matrix and the fuzz send their own requests (Live.send / HTTP) and see every answer as it is.
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                // 503 + Retry-After: an upstream is restarting; a set-up call waits like any client would.
                if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                    return response;
                }
                sleep(1000);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(method + " " + url + ": " + e, e);
                }
                sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (" + response.statusCode() + "): " + response.body(), e);
        }
    }

    public static boolean isProblem(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
    }

    /**
     * An HR-created campaign over the whole demo company with one open round; returns {campaignId, roundId}. Test
     * campaigns are scheduled for 2099 so that the stack they leave behind never opens rounds of its own (nor
     * pre-generates keys for them) on a Monday morning.
     */
    public static String[] openRound(String label) {
        String body = "{\"name\":\"" + label + " " + UUID.randomUUID() + "\",\"schedule\":\"0 0 9 1 1 ? 2099\","
                + "\"timeZone\":\"Europe/Berlin\",\"roundDuration\":\"P5D\",\"units\":[\"/production\",\"/logistics\",\"/it\","
                + "\"/administration\"],\"itemsPerRound\":6}";
        HttpResponse<String> created = call("POST", via + "/api/campaigns", token("hr"), body);
        require(created, 201);
        String campaignId = json(created).path("id").asText();
        HttpResponse<String> opened = call("POST", via + "/api/campaigns/" + campaignId + "/rounds", token("hr"), null);
        require(opened, 201);
        String roundId = json(opened).path("roundId").asText();
        CAMPAIGN_OF.put(roundId, campaignId);
        return new String[] {campaignId, roundId};
    }

    /** Closes the round; a campaign made by {@link #openRound} is archived with it, so the demo's HR list stays short. */
    public static void closeRound(String roundId) {
        require(call("POST", via + "/api/rounds/" + roundId + "/close", token("hr"), null), 200);
        String campaignId = CAMPAIGN_OF.remove(roundId);
        if (campaignId != null) {
            require(call("POST", via + "/api/campaigns/" + campaignId + "/archive", token("hr"), null), 200);
        }
    }

    public static HttpResponse<String> require(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " from " + response.request().method() + " "
                    + response.request().uri() + ", got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** unit path → unit id of a round, from the survey database. */
    public static Map<String, String> unitIds(String roundId) throws SQLException {
        Map<String, String> ids = new LinkedHashMap<>();
        try (Connection c = surveyDb(); var ps = c.prepareStatement("select unit_path, unit_id from round_unit where round_id = ?")) {
            ps.setObject(1, UUID.fromString(roundId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return ids;
    }

    /** A finalized ballot as the phone makes it: keyId and the JSON of {msg, sig}. */
    public record Ballot(String keyId, String msg, String sig) {
        public String tokenJson() {
            return "{\"msg\":\"" + msg + "\",\"sig\":\"" + sig + "\"}";
        }

        public String submission(String roundId, String answersJson) {
            return "{\"roundId\":\"" + roundId + "\",\"keyId\":\"" + keyId + "\",\"token\":" + tokenJson() + ",\"answers\":"
                    + answersJson + "}";
        }
    }

    /** The key the round assigns to {@code user}, as /api/me/rounds says. */
    public static Optional<JsonNode> myRound(String user, String roundId) {
        for (JsonNode r : json(require(call("GET", via + "/api/me/rounds", token(user), null), 200))) {
            if (r.path("roundId").asText().equals(roundId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public static RSAPublicKey publicKey(String roundId, String keyId) {
        for (JsonNode k : json(require(call("GET", via + "/api/rounds/" + roundId + "/keys", null, null), 200))) {
            if (k.path("keyId").asText().equals(keyId)) {
                return RoundKeys.parsePublicKeySpki(k.path("publicKey").asText());
            }
        }
        throw new IllegalStateException("key " + keyId + " not published for round " + roundId);
    }

    /** Gets a blind ballot for {@code user} (one per round and person) and finalizes it. */
    public static Ballot ballot(String user, String roundId, SecureRandom random) {
        String keyId = myRound(user, roundId).orElseThrow().path("keyId").asText();
        RSAPublicKey key = publicKey(roundId, keyId);
        byte[] msg = new byte[32];
        random.nextBytes(msg);
        byte[] prepared = BlindRsa.prepare(msg, random);
        Blinding blinding = BlindRsa.blind(key, prepared, random);
        HttpResponse<String> issued = require(call("POST", via + "/api/rounds/" + roundId + "/ballots", token(user),
                "{\"blindedMsg\":\"" + Base64Url.encode(blinding.blindedMsg()) + "\"}"), 200);
        JsonNode b = json(issued);
        byte[] sig = BlindRsa.finalizeSignature(key, prepared, Base64Url.decode(b.path("blindSig").asText()), blinding.inv());
        return new Ballot(b.path("keyId").asText(), Base64Url.encode(prepared), Base64Url.encode(sig));
    }

    /** Answers "3" to every item of the round (itemIds from /api/me/rounds of any eligible user). */
    public static String answers(JsonNode myRound, int value) {
        StringBuilder b = new StringBuilder("{");
        for (JsonNode item : myRound.path("items")) {
            b.append(b.length() > 1 ? "," : "").append('"').append(item.path("id").asText()).append("\":").append(value);
        }
        return b.append('}').toString();
    }
}
