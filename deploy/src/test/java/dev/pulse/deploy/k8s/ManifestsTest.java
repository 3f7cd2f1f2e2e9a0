package dev.pulse.deploy.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The production manifests render and validate offline; a broken manifest is refused, defect by defect. */
class ManifestsTest {
    private static final Path K8S = Path.of("k8s");
    private final ManifestValidator validator = new ManifestValidator(K8S.resolve("schemas"));

    @Test
    void theProductionOverlayRendersEveryComponentAndIsValid() throws Exception {
        var report = validator.validate(K8S.resolve("overlays/production"));
        assertTrue(report.ok(), () -> String.join("\n", report.problems()));
        var kinds = Kustomization.build(K8S.resolve("overlays/production")).stream()
                .map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText()).collect(Collectors.toSet());
        for (String expected : List.of("Kafka/pulse-kafka", "KafkaNodePool/controller", "KafkaNodePool/broker",
                "KafkaTopic/pulse-responses", "KafkaTopic/pulse-rounds", "KafkaTopic/pulse-responses-dlq",
                "Cluster/surveydb", "Cluster/analyticsdb", "Keycloak/pulse-keycloak", "KeycloakRealmImport/pulse-realm",
                "Deployment/survey-service", "Deployment/analytics-service", "Deployment/gateway",
                "HorizontalPodAutoscaler/gateway", "PodDisruptionBudget/survey-service", "NetworkPolicy/default-deny-ingress")) {
            assertTrue(kinds.contains(expected), "missing " + expected);
        }
    }

    @Test
    void theOverlayPutsEverythingInOneNamespaceAndPinsTheImages() throws Exception {
        for (var o : Kustomization.build(K8S.resolve("overlays/production"))) {
            if (!o.path("kind").asText().equals("Namespace")) {
                assertEquals("pulse", o.path("metadata").path("namespace").asText(), o.toString());
            }
            for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                assertTrue(c.path("image").asText().startsWith("registry.example.com/pulse/"), c.path("image").asText());
                assertFalse(c.path("image").asText().endsWith(":latest"));
            }
        }
    }

    @Test
    void answersAreSpreadOverAtLeastTwoPartitionsAndRoundStateIsCompacted() throws Exception {
        for (var o : Kustomization.build(K8S.resolve("base"))) {
            if (o.path("kind").asText().equals("KafkaTopic")) {
                switch (o.path("spec").path("topicName").asText()) {
                    case "pulse.responses" -> assertTrue(o.path("spec").path("partitions").asInt() >= 2);
                    case "pulse.rounds" -> assertEquals("compact", o.path("spec").path("config").path("cleanup.policy").asText());
                    case "pulse.responses.dlq" -> { }
                    default -> throw new AssertionError("unexpected topic " + o);
                }
            }
        }
    }

    @Test
    void aBrokenManifestIsRefusedWithEveryDefectNamed() {
        var report = validator.validate(Path.of("src/test/resources/k8s-broken"));
        assertFalse(report.ok());
        String all = String.join("\n", report.problems());
        System.out.println("broken fixture, as expected:\n" + all);
        assertContains(all, "replicas");                      // type error
        assertContains(all, "readinessProbe");                // required probe missing
        assertContains(all, "livenessProbe");
        assertContains(all, "readOnlyRootFilesystem");        // policy: read-only root fs
        assertContains(all, "SURVEY_DB_PASSWORD carries an inline value");
        assertContains(all, "matches no pod template");       // Service selects nothing
        assertContains(all, "partitions");                    // CRD field type
        assertContains(all, "no schema for example.com/v1 Unknown");
    }

    @Test
    void theRealmImportIsACurrentCopyOfTheDemoRealmWithoutDemoUsers() throws Exception {
        JsonNode demo = new ObjectMapper().readTree(Path.of("local/keycloak/pulse-realm.json").toFile());
        JsonNode imported = Kustomization.readAll(K8S.resolve("base/realm-import.yaml")).get(0).path("spec").path("realm");
        assertEquals(demo.path("groups"), imported.path("groups"), "stale copy: run deploy/k8s/gen-realm-import.sh");
        assertEquals(demo.path("roles"), imported.path("roles"), "stale copy: run deploy/k8s/gen-realm-import.sh");
        assertTrue(imported.path("users").isMissingNode(), "demo users must not reach production");
    }

    private static void assertContains(String all, String part) {
        assertTrue(all.contains(part), () -> "expected a problem mentioning '" + part + "' in:\n" + all);
    }
}
