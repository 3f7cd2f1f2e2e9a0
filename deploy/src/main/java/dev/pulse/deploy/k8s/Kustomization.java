package dev.pulse.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Offline stand-in for {@code kustomize build} (no kubectl/kustomize on these machines): resolves the
 * {@code resources} list recursively and applies the transformations our manifests use — {@code namespace},
 * {@code labels}, {@code images} and JSON 6902 {@code patches}. Any other kustomization field is an error,
 * so a field this renderer would silently ignore can never pass validation.
 */
public final class Kustomization {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "labels", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomization() {}

    /** Renders the kustomization in {@code dir} into its list of objects. */
    public static List<ObjectNode> build(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new ManifestException(dir + ": no kustomization.yaml");
        }
        JsonNode k = YAML.readTree(file.toFile());
        for (Iterator<String> it = k.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!SUPPORTED.contains(field)) {
                throw new ManifestException(file + ": field '" + field + "' is not supported by the offline renderer");
            }
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode r : k.path("resources")) {
            Path p = dir.resolve(r.asText()).normalize();
            if (Files.isDirectory(p)) {
                objects.addAll(build(p));
            } else if (Files.isRegularFile(p)) {
                objects.addAll(readAll(p));
            } else {
                throw new ManifestException(file + ": resource '" + r.asText() + "' does not exist");
            }
        }
        for (JsonNode l : k.path("labels")) {
            if (l.path("includeSelectors").asBoolean(false)) {
                throw new ManifestException(file + ": labels.includeSelectors=true is not supported by the offline renderer");
            }
            for (ObjectNode o : objects) {
                ((ObjectNode) o.with("metadata")).with("labels").setAll((ObjectNode) l.path("pairs"));
            }
        }
        if (k.hasNonNull("namespace")) {
            for (ObjectNode o : objects) {
                if (!CLUSTER_SCOPED.contains(o.path("kind").asText())) {
                    o.with("metadata").put("namespace", k.get("namespace").asText());
                }
            }
        }
        for (JsonNode image : k.path("images")) {
            rewriteImages(objects, image);
        }
        for (JsonNode patch : k.path("patches")) {
            applyPatch(file, objects, patch);
        }
        return objects;
    }

    /** Every YAML document of a file, each required to be a Kubernetes object. */
    static List<ObjectNode> readAll(Path p) throws IOException {
        List<ObjectNode> out = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(p.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!(doc instanceof ObjectNode o)) {
                    throw new ManifestException(p + ": a document is not a mapping");
                }
                o.put("__source", p.getFileName().toString());
                out.add(o);
            }
        }
        return out;
    }

    private static void rewriteImages(List<ObjectNode> objects, JsonNode image) {
        String name = image.path("name").asText();
        for (ObjectNode o : objects) {
            for (JsonNode c : o.path("spec").path("template").path("spec").path("containers")) {
                String current = c.path("image").asText();
                String repo = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
                if (repo.equals(name)) {
                    String newName = image.path("newName").asText(repo);
                    String newTag = image.path("newTag").asText(current.contains(":") ? current.substring(current.lastIndexOf(':') + 1) : "latest");
                    ((ObjectNode) c).put("image", newName + ":" + newTag);
                }
            }
        }
    }

    private static void applyPatch(Path file, List<ObjectNode> objects, JsonNode patch) throws IOException {
        JsonNode target = patch.path("target");
        JsonNode ops = YAML.readTree(patch.path("patch").asText());
        if (!(ops instanceof ArrayNode)) {
            throw new ManifestException(file + ": only JSON 6902 patches (a list of operations) are supported");
        }
        int matched = 0;
        for (ObjectNode o : objects) {
            if (target.has("kind") && !target.get("kind").asText().equals(o.path("kind").asText())) {
                continue;
            }
            if (target.has("name") && !target.get("name").asText().equals(o.path("metadata").path("name").asText())) {
                continue;
            }
            matched++;
            for (JsonNode op : ops) {
                JsonPatch.apply(o, op);
            }
        }
        if (matched == 0) {
            throw new ManifestException(file + ": patch target " + target + " matches no object");
        }
    }
}
