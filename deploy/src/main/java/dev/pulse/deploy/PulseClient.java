package dev.pulse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.time.Duration;
import java.util.HashSet;

/**
 * A command-line employee and HR client for the demo: {@code answer USER [1-5]} logs in, blinds a ballot,
 * gets it signed, finalizes it and answers the open round anonymously; {@code results} prints what HR sees.
 * It does exactly what the phone app does, so you can watch each step.
 */
public final class PulseClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String keycloak;

    PulseClient(String gateway, String keycloak) {
        this.gateway = gateway;
        this.keycloak = keycloak;
    }

    public static void main(String[] args) throws Exception {
        String host = env("PULSE_HOST", "127.0.0.1");
        PulseClient client = new PulseClient("http://" + host + ":" + env("GATEWAY_PORT", "8080"),
                "http://" + host + ":" + env("KEYCLOAK_PORT", "8180"));
        if (args.length >= 2 && args[0].equals("answer")) {
            client.answer(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 0);
        } else if (args.length >= 1 && args[0].equals("results")) {
            client.results(args.length > 1 ? args[1] : "hr");
        } else {
            System.err.println("usage: PulseClient answer USER [1-5] | results [USER]");
            System.exit(2);
        }
    }

    void answer(String user, int fixedAnswer) throws Exception {
        answerRound(user, null, fixedAnswer);
    }

    /** Answers {@code roundId} (or the first open round without a ballot when null). */
    void answerRound(String user, String roundId, int fixedAnswer) throws Exception {
        String token = login(user);
        JsonNode rounds = call("GET", "/api/me/rounds", token, null);
        JsonNode round = null;
        for (JsonNode r : rounds) {
            if (!r.path("ballotIssued").asBoolean() && (roundId == null || roundId.equals(r.path("roundId").asText()))) {
                round = r;
                break;
            }
        }
        if (round == null) {
            System.out.println(user + ": no open round without a ballot (already answered, or none open).");
            return;
        }
        String chosenRound = round.path("roundId").asText();
        String keyId = round.path("keyId").asText();
        System.out.println(user + ": round " + chosenRound + " (" + round.path("campaign").asText() + "), reporting unit "
                + round.path("unitPath").asText());
        JsonNode keys = call("GET", "/api/rounds/" + chosenRound + "/keys", null, null);
        RSAPublicKey key = checkedKey(keys, keyId);
        System.out.println("  key " + keyId + " is listed, and the round has exactly one key per unit (" + keys.size() + " keys)");

        byte[] msg = new byte[32];
        RANDOM.nextBytes(msg);
        byte[] prepared = BlindRsa.prepare(msg, RANDOM);
        Blinding blinding = BlindRsa.blind(key, prepared, RANDOM);
        ObjectNode ballotRequest = JSON.createObjectNode().put("blindedMsg", Base64Url.encode(blinding.blindedMsg()));
        JsonNode ballot = call("POST", "/api/rounds/" + chosenRound + "/ballots", token, ballotRequest);
        byte[] sig = BlindRsa.finalizeSignature(key, prepared, Base64Url.decode(ballot.path("blindSig").asText()), blinding.inv());
        System.out.println("  ballot signed blind and finalized; the server never saw this token");

        ObjectNode answers = JSON.createObjectNode();
        for (JsonNode item : round.path("items")) {
            int value = fixedAnswer >= 1 && fixedAnswer <= 5 ? fixedAnswer : 1 + RANDOM.nextInt(5);
            answers.put(item.path("id").asText(), value);
            System.out.println("  " + value + "  " + item.path("text").asText());
        }
        ObjectNode response = JSON.createObjectNode().put("roundId", chosenRound).put("keyId", keyId);
        response.putObject("token").put("msg", Base64Url.encode(prepared)).put("sig", Base64Url.encode(sig));
        response.set("answers", answers);
        call("POST", "/api/responses", null, response); // anonymous: no token, no cookie
        System.out.println("  answers sent anonymously (202 Accepted)");
    }

    void results(String user) throws Exception {
        String token = login(user);
        for (JsonNode campaign : call("GET", "/api/campaigns", token, null)) {
            System.out.println(campaign.path("name").asText() + ": open round " + campaign.path("openRoundId").asText("none"));
        }
        System.out.println("(results of a round: GET " + gateway + "/api/analytics/rounds/{roundId}/results with an hr token)");
    }

    /** The client-side anonymity check: our key is listed, and every unit has exactly one key. */
    static RSAPublicKey checkedKey(JsonNode keys, String keyId) {
        var units = new HashSet<String>();
        RSAPublicKey mine = null;
        for (JsonNode k : keys) {
            if (!units.add(k.path("unitId").asText())) {
                throw new IllegalStateException("two keys for unit " + k.path("unitId").asText() + ": refusing to take a ballot");
            }
            if (k.path("keyId").asText().equals(keyId)) {
                mine = RoundKeys.parsePublicKeySpki(k.path("publicKey").asText());
                if (!RoundKeys.keyId(mine).equals(keyId)) {
                    throw new IllegalStateException("key id does not match the published key");
                }
            }
        }
        if (mine == null) {
            throw new IllegalStateException("my key " + keyId + " is not in the public list: refusing to take a ballot");
        }
        return mine;
    }

    private String login(String user) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=pulse-cli&username=" + enc(user) + "&password=" + enc(user);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak + "/realms/pulse/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + r.statusCode());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private JsonNode call(String method, String path, String token, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
