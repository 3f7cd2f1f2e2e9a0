package dev.pulse.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.restassured.RestAssured;

/**
 * Requests RestAssured would tidy up (odd path spellings, chunked bodies) are sent with the JDK
 * client, which puts the path on the wire exactly as written.
 */
public final class Gateway {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Gateway() {
    }

    public static URI uri(String rawPathAndQuery) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + rawPathAndQuery);
    }

    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Body of unknown length: the JDK client sends it with Transfer-Encoding: chunked. */
    public static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
    }

    public static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What was appended to a log file since {@code mark} (its size at some earlier moment). */
    public static String readSince(Path file, long mark) {
        String all = read(file);
        byte[] bytes = all.getBytes(StandardCharsets.UTF_8);
        return mark >= bytes.length ? "" : new String(bytes, (int) mark, bytes.length - (int) mark, StandardCharsets.UTF_8);
    }

    public static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Access log written by Quarkus in %test (see application.properties). */
    public static final Path ACCESS_LOG = Path.of("target", "gateway-access.log");

    /** Application log written in %test. */
    public static final Path APPLICATION_LOG = Path.of("target", "gateway-test.log");
}
