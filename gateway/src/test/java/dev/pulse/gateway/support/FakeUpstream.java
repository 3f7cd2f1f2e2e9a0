package dev.pulse.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for survey-service or analytics-service on a random loopback port. It records every
 * request exactly as it arrives (method, path, query, headers, body bytes) and exposes the
 * recording at {@code GET /__requests}, so tests in any class loader can read it over HTTP.
 *
 * Behaviour by path: {@code .../slow...} answers after 6 s; {@code .../hangup} closes the
 * connection without an answer; otherwise it answers {@code ?status=} (default 200, 202 for
 * submissions) with a Set-Cookie, hop-by-hop headers and a small JSON body.
 *
 * It writes its JSON by hand on purpose: it runs in the test resource's class loader, and touching
 * Vert.x' Json there initialises Vert.x' JSON codec for the whole application with the wrong loader.
 */
public final class FakeUpstream {

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();

    public FakeUpstream(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (path.equals("/__requests")) {
            send(exchange, 200, Json.write(List.copyOf(requests)));
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((header, values) ->
                headers.put(header.toLowerCase(Locale.ROOT), List.copyOf(values)));
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("upstream", name);
        request.put("method", exchange.getRequestMethod());
        request.put("path", path);
        request.put("query", uri.getRawQuery());
        request.put("headers", headers);
        request.put("body", new String(body, StandardCharsets.UTF_8));
        request.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        requests.add(request);

        if (path.endsWith("/hangup")) {
            exchange.close(); // no response head: the connection just ends
            return;
        }
        if (path.contains("/slow")) {
            try {
                Thread.sleep(6_000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int status = path.equals("/api/responses") ? 202 : queryStatus(uri.getRawQuery());
        exchange.getResponseHeaders().add("Set-Cookie", "upstream-session=from-" + name + "; Path=/");
        exchange.getResponseHeaders().add("X-Upstream", name);
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=fake");
        exchange.getResponseHeaders().add("Content-Security-Policy", "default-src *");
        try {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("upstream", name);
            answer.put("method", exchange.getRequestMethod());
            answer.put("path", path);
            answer.put("query", uri.getRawQuery());
            send(exchange, status, Json.write(answer));
        } catch (IOException gatewayGaveUp) {
            // the gateway reset the exchange (timeout): nothing to answer
        }
    }

    private static int queryStatus(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith("status=")) {
                    return Integer.parseInt(pair.substring("status=".length()));
                }
            }
        }
        return 200;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }
}
