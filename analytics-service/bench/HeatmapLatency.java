import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sequential GET latency of one analytics URL, as HR's browser would see it one request after another.
 * Usage: java HeatmapLatency.java <url> <token> [warm-up=20] [measured=200] [accept=application/json]
 *        [accept-encoding, e.g. gzip as a browser sends it; none by default]
 * where token is a bearer token, {@code @file} holding one, or {@code user:<name>} for a fresh token of that demo
 * user (password = name, client pulse-cli) from the local Keycloak.
 * Prints p50/p90/p99/max in ms over the measured calls; every call must answer 200.
 */
public class HeatmapLatency {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: java HeatmapLatency.java <url> <token|@file|user:NAME> [warmup] [measured] [accept] "
                    + "[accept-encoding]");
            System.exit(2);
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(client, args[1]);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int measured = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String accept = args.length > 4 ? args[4] : "application/json";
        String acceptEncoding = args.length > 5 ? args[5] : "identity";
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", accept).header("Accept-Encoding", acceptEncoding).GET().build();
        long bytes = 0;
        double[] ms = new double[measured];
        for (int i = 0; i < warmup + measured; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                System.err.println("call " + i + ": HTTP " + response.statusCode() + " " + new String(response.body()));
                System.exit(1);
            }
            if (i >= warmup) {
                ms[i - warmup] = took / 1e6;
                bytes = response.body().length;
            }
        }
        Arrays.sort(ms);
        System.out.printf("%s %s n=%d bytes=%d p50=%.1f p90=%.1f p99=%.1f max=%.1f ms%n", args[0], acceptEncoding,
                measured, bytes,
                pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1]);
    }

    static String token(HttpClient client, String spec) throws Exception {
        if (spec.startsWith("@")) {
            return Files.readString(Path.of(spec.substring(1))).trim();
        }
        if (!spec.startsWith("user:")) {
            return spec;
        }
        String user = spec.substring("user:".length());
        String form = "grant_type=password&client_id=pulse-cli&username=" + user + "&password=" + user;
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:8180/realms/pulse/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("no token for " + user + ": HTTP " + response.statusCode());
        }
        return m.group(1);
    }

    /** Nearest-rank percentile. */
    static double pct(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
