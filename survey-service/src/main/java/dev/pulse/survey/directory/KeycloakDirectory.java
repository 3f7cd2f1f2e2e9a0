package dev.pulse.survey.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.survey.config.PulseConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the group tree and memberships through the Keycloak admin REST API with a read-only
 * service account (client credentials). Only ids and group paths are read, never names or e-mails.
 */
@ApplicationScoped
public class KeycloakDirectory implements Directory {
    private static final int PAGE = 500;
    /** Bounds the walk so a cyclic or huge answer cannot loop forever. */
    private static final int MAX_UNITS = 10_000;

    private final PulseConfig.DirectoryConfig config;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http;

    public KeycloakDirectory(PulseConfig config) {
        this.config = config.directory();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
    }

    @Override
    public OrgSnapshot snapshot() {
        try {
            String token = serviceAccountToken();
            List<OrgSnapshot.Unit> units = new ArrayList<>();
            collect(token, get(token, adminBase() + "/groups?briefRepresentation=true&max=" + PAGE), null, units);
            Map<String, Set<String>> members = new HashMap<>();
            for (OrgSnapshot.Unit unit : units) {
                for (int first = 0; ; first += PAGE) {
                    JsonNode page = get(token, adminBase() + "/groups/" + unit.id()
                            + "/members?briefRepresentation=true&first=" + first + "&max=" + PAGE);
                    page.forEach(user -> members.computeIfAbsent(user.path("id").asText(), k -> new HashSet<>())
                            .add(unit.id()));
                    if (page.size() < PAGE) {
                        break;
                    }
                }
            }
            return new OrgSnapshot(units, members);
        } catch (IOException e) {
            throw new DirectoryUnavailableException("Keycloak directory unreadable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DirectoryUnavailableException("interrupted while reading the directory", e);
        }
    }

    private void collect(String token, JsonNode groups, String parentId, List<OrgSnapshot.Unit> out)
            throws IOException, InterruptedException {
        for (JsonNode group : groups) {
            if (out.size() >= MAX_UNITS) {
                throw new IOException("more than " + MAX_UNITS + " groups");
            }
            String id = group.path("id").asText();
            out.add(new OrgSnapshot.Unit(id, group.path("path").asText(), parentId));
            if (group.path("subGroupCount").asInt(1) > 0) {
                collect(token, get(token, adminBase() + "/groups/" + id + "/children?briefRepresentation=true&max=" + PAGE),
                        id, out);
            }
        }
    }

    private String adminBase() {
        return config.url() + "/admin/realms/" + config.realm();
    }

    private String serviceAccountToken() throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + enc(config.clientId())
                + "&client_secret=" + enc(config.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(config.url() + "/realms/" + config.realm() + "/protocol/openid-connect/token"))
                .timeout(config.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("token endpoint answered " + response.statusCode());
        }
        return json.readTree(response.body()).path("access_token").asText();
    }

    private JsonNode get(String token, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.timeout())
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url.replaceFirst(".*/admin/", "/admin/") + " answered " + response.statusCode());
        }
        return json.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
