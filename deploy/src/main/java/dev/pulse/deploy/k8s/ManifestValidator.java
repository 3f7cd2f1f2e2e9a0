package dev.pulse.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Offline validation of the Kubernetes manifests: renders a kustomization ({@link Kustomization}) and checks
 * every object against the schema vendored in {@code deploy/k8s/schemas} for its apiVersion and kind (an
 * object without a schema is an error), then the rules that span objects: no secret values, Services,
 * HPAs and PDBs point at existing workloads, no duplicate objects.
 *
 * <p>Usage: {@code ManifestValidator SCHEMA_DIR KUSTOMIZATION_DIR...}; exits 1 and lists every problem on failure.
 */
public final class ManifestValidator {
    /** Env var names that carry credentials: their value must come from a secretKeyRef, never inline. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|TOKEN|CREDENTIAL).*");

    private final Path schemaDir;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, JsonSchema> schemas = new HashMap<>();

    public ManifestValidator(Path schemaDir) {
        this.schemaDir = schemaDir;
    }

    /** Result of one kustomization: how many objects were rendered and every problem found. */
    public record Report(Path dir, int objects, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report validate(Path kustomizationDir) {
        List<String> problems = new ArrayList<>();
        List<ObjectNode> objects;
        try {
            objects = Kustomization.build(kustomizationDir);
        } catch (ManifestException | IOException e) {
            return new Report(kustomizationDir, 0, List.of("render: " + e.getMessage()));
        }
        Set<String> seen = new HashSet<>();
        for (ObjectNode o : objects) {
            String source = o.path("__source").asText();
            ObjectNode obj = o.deepCopy();
            obj.remove("__source");
            String id = obj.path("kind").asText("?") + "/" + obj.path("metadata").path("name").asText("?");
            String where = source + " " + id;
            if (!seen.add(obj.path("apiVersion").asText() + " " + id)) {
                problems.add(where + ": defined twice");
            }
            JsonSchema schema = schemaFor(obj, where, problems);
            if (schema != null) {
                for (ValidationMessage m : schema.validate(obj)) {
                    problems.add(where + ": " + m.getMessage());
                }
            }
            if (obj.path("kind").asText().equals("Secret")) {
                problems.add(where + ": secrets are referenced by name, never shipped in the manifests");
            }
            checkInlineCredentials(obj, where, problems);
        }
        checkReferences(objects, problems);
        return new Report(kustomizationDir, objects.size(), problems);
    }

    private JsonSchema schemaFor(JsonNode obj, String where, List<String> problems) {
        String apiVersion = obj.path("apiVersion").asText();
        String kind = obj.path("kind").asText();
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            problems.add(where + ": apiVersion and kind are required");
            return null;
        }
        String key = (apiVersion + "/" + kind).replace('/', '_');
        if (schemas.containsKey(key)) {
            return schemas.get(key);
        }
        Path file = schemaDir.resolve(key + ".json");
        JsonSchema schema = null;
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                schema = factory.getSchema(in);
            } catch (IOException e) {
                problems.add(where + ": cannot read schema " + file + ": " + e.getMessage());
            }
        } else {
            problems.add(where + ": no schema for " + apiVersion + " " + kind + " in " + schemaDir + " (unknown kind or apiVersion)");
        }
        schemas.put(key, schema);
        return schema;
    }

    private static void checkInlineCredentials(JsonNode obj, String where, List<String> problems) {
        for (JsonNode c : obj.path("spec").path("template").path("spec").path("containers")) {
            for (JsonNode env : c.path("env")) {
                String name = env.path("name").asText();
                if (SECRET_NAME.matcher(name).matches() && env.has("value")) {
                    problems.add(where + ": env " + name + " carries an inline value; use valueFrom.secretKeyRef");
                }
            }
        }
    }

    private static void checkReferences(List<ObjectNode> objects, List<String> problems) {
        Map<String, JsonNode> workloadLabels = new HashMap<>();
        for (JsonNode o : objects) {
            if (o.path("kind").asText().equals("Deployment")) {
                workloadLabels.put(o.path("metadata").path("name").asText(), o.path("spec").path("template").path("metadata").path("labels"));
            }
        }
        for (JsonNode o : objects) {
            String kind = o.path("kind").asText();
            String where = o.path("__source").asText() + " " + kind + "/" + o.path("metadata").path("name").asText();
            JsonNode selector = switch (kind) {
                case "Service" -> o.path("spec").path("selector");
                case "PodDisruptionBudget" -> o.path("spec").path("selector").path("matchLabels");
                case "Deployment" -> o.path("spec").path("selector").path("matchLabels");
                default -> null;
            };
            if (selector != null && !selector.isMissingNode() && !selector.isEmpty()) {
                boolean matches = kind.equals("Deployment")
                        ? selects(selector, o.path("spec").path("template").path("metadata").path("labels"))
                        : workloadLabels.values().stream().anyMatch(labels -> selects(selector, labels));
                if (!matches) {
                    problems.add(where + ": selector " + selector + " matches no pod template");
                }
            }
            if (kind.equals("HorizontalPodAutoscaler")) {
                String target = o.path("spec").path("scaleTargetRef").path("name").asText();
                if (!workloadLabels.containsKey(target)) {
                    problems.add(where + ": scaleTargetRef " + target + " is not a Deployment here");
                }
                if (o.path("spec").path("minReplicas").asInt(1) > o.path("spec").path("maxReplicas").asInt()) {
                    problems.add(where + ": minReplicas > maxReplicas");
                }
            }
        }
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ManifestValidator SCHEMA_DIR KUSTOMIZATION_DIR...");
            System.exit(2);
        }
        ManifestValidator validator = new ManifestValidator(Path.of(args[0]));
        boolean ok = true;
        for (int i = 1; i < args.length; i++) {
            Report r = validator.validate(Path.of(args[i]));
            System.out.printf("%s: %d objects, %s%n", r.dir(), r.objects(), r.ok() ? "valid" : r.problems().size() + " problem(s)");
            r.problems().forEach(p -> System.out.println("  " + p));
            ok &= r.ok();
        }
        System.exit(ok ? 0 : 1);
    }
}
