package dev.pulse.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts fake survey- and analytics-services and points the gateway at them. With the init arg
 * {@code analytics=down}, analytics-service's URL points at a loopback port nobody listens on.
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    private final Map<String, String> args = new HashMap<>();
    private FakeUpstream survey;
    private FakeUpstream analytics;

    @Override
    public void init(Map<String, String> initArgs) {
        args.putAll(initArgs);
    }

    @Override
    public Map<String, String> start() {
        try {
            survey = new FakeUpstream("survey");
            String analyticsUrl;
            if ("down".equals(args.get("analytics"))) {
                analyticsUrl = "http://127.0.0.1:" + unusedPort();
            } else {
                analytics = new FakeUpstream("analytics");
                analyticsUrl = analytics.url();
            }
            return Map.of(
                    "pulse.gateway.proxy.survey.url", survey.url(),
                    "pulse.gateway.proxy.analytics.url", analyticsUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void stop() {
        if (survey != null) {
            survey.stop();
        }
        if (analytics != null) {
            analytics.stop();
        }
    }
}
