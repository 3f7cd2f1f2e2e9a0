package dev.pulse.deploy.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second gateway, owned by a suite: the very build the stack runs (copied, so a concurrent rebuild cannot pull
 * classes from under it), on a free loopback port, in front of the same services, with only the given settings
 * changed. The hostile-input suite uses it to raise the rate limits for its run without touching the
 * production configuration or the shared gateway on 8080.
 */
public final class TestGateway implements AutoCloseable {
    private final Process process;
    public final String url;
    private final Path log;

    private TestGateway(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    public static TestGateway start(Map<String, String> systemProperties) throws Exception {
        Path repo = Path.of("").toAbsolutePath();
        if (!Files.exists(repo.resolve("gateway"))) {
            repo = repo.getParent();
        }
        Path app = repo.resolve("gateway/target/quarkus-app");
        Path copy = repo.resolve("deploy/target/test-gateway/quarkus-app");
        copyTree(app, copy);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-Djava.net.preferIPv4Stack=true", "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.log.file.enabled=false"));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(List.of("-jar", copy.resolve("quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // The gateway reads the stack's ports and names by variable name (deploy/local/stack.env).
        for (String line : Files.readAllLines(repo.resolve("deploy/local/stack.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                pb.environment().putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        Path log = repo.resolve("deploy/target/test-gateway.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        String url = "http://127.0.0.1:" + port;
        TestGateway gateway = new TestGateway(process, url, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> r = Live.HTTP.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return gateway;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        gateway.close();
        throw new IllegalStateException("test gateway did not become ready in 60 s, see " + log);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(f -> {
                try {
                    Path target = to.resolve(from.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return url + " (log " + log + ")";
    }
}
