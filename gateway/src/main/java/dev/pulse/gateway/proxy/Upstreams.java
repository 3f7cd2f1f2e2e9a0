package dev.pulse.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

/**
 * One Vert.x HTTP client per upstream, plus one reserved for the anonymous route, all on Quarkus'
 * managed Vert.x, and one circuit breaker per upstream.
 */
@ApplicationScoped
public class Upstreams {

    private static final Logger LOG = Logger.getLogger(Upstreams.class);

    private final ProxyConfig config;
    private final Map<Destination, HttpClient> identityClients = new EnumMap<>(Destination.class);
    private final Map<Destination, CircuitBreaker> breakers = new EnumMap<>(Destination.class);
    private final HttpClient anonymousClient;
    private final Map<Destination, RoundRobin<URI>> instances = new EnumMap<>(Destination.class);

    public Upstreams(Vertx vertx, ProxyConfig config) {
        this.config = config;
        for (Destination destination : Destination.values()) {
            List<URI> urls = new ArrayList<>();
            urls.add(upstream(destination).url());
            upstream(destination).replicas().ifPresent(urls::addAll);
            instances.put(destination, new RoundRobin<>(urls));
            identityClients.put(destination, vertx.createHttpClient(clientOptions(destination, "identity"), pool()));
            breakers.put(destination, new CircuitBreaker(
                    config.circuitBreaker().failureThreshold(), config.circuitBreaker().openDuration(),
                    System::nanoTime,
                    (from, to) -> LOG.warnf("circuit to %s: %s -> %s", destination.serviceName(), from, to)));
        }
        // Own connection pool for submissions: a pooled keep-alive connection that earlier carried
        // someone's ballot request (with their token) is never reused for a submission, so the
        // upstream cannot link the two by connection. No PROXY-protocol header, no client address.
        this.anonymousClient = vertx.createHttpClient(clientOptions(Destination.SURVEY, "anonymous"), pool());
    }

    private PoolOptions pool() {
        return new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerInstance());
    }

    private HttpClientOptions clientOptions(Destination destination, String purpose) {
        ProxyConfig.Upstream upstream = upstream(destination);
        return new HttpClientOptions()
                .setName("pulse-gateway-" + destination.name().toLowerCase() + "-" + purpose)
                .setDefaultHost(upstream.url().getHost())
                .setDefaultPort(port(upstream))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(true)
                // Upstream errors are answered as problems with no request data; keep Vert.x from
                // logging anything about individual exchanges.
                .setLogActivity(false)
                .setDecompressionSupported(false);
    }

    public ProxyConfig.Upstream upstream(Destination destination) {
        return switch (destination) {
            case SURVEY -> config.survey();
            case ANALYTICS -> config.analytics();
        };
    }

    public HttpClient client(ApiRoute route) {
        return route.isAnonymous() ? anonymousClient : identityClients.get(route.destination().orElseThrow());
    }

    public CircuitBreaker breaker(Destination destination) {
        return breakers.get(destination);
    }

    /** The instance the next exchange with this upstream goes to (round-robin when there are replicas). */
    public URI nextInstance(Destination destination) {
        return instances.get(destination).next();
    }

    public static int port(URI url) {
        int port = url.getPort();
        return port > 0 ? port : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
    }

    public String host(Destination destination) {
        return upstream(destination).url().getHost();
    }

    public int port(Destination destination) {
        return port(upstream(destination));
    }

    /** The upstream's base path, if its URL has one (e.g. behind a path-routing ingress). */
    public String basePath(Destination destination) {
        String path = upstream(destination).url().getRawPath();
        return path == null || path.equals("/") ? "" : path.replaceAll("/+$", "");
    }

    private static int port(ProxyConfig.Upstream upstream) {
        int port = upstream.url().getPort();
        return port > 0 ? port : ("https".equalsIgnoreCase(upstream.url().getScheme()) ? 443 : 80);
    }

    @PreDestroy
    void close() {
        identityClients.values().forEach(HttpClient::close);
        anonymousClient.close();
    }
}
