package dev.pulse.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON 6902 operations our overlays use: add, replace, remove (JSON pointer paths). */
final class JsonPatch {
    private JsonPatch() {}

    static void apply(ObjectNode root, JsonNode op) {
        String kind = op.path("op").asText();
        String path = op.path("path").asText();
        int cut = path.lastIndexOf('/');
        if (cut < 0) {
            throw new ManifestException("patch path '" + path + "' is not a JSON pointer");
        }
        JsonNode parent = path.substring(0, cut).isEmpty() ? root : root.at(path.substring(0, cut));
        String last = path.substring(cut + 1).replace("~1", "/").replace("~0", "~");
        if (parent.isMissingNode()) {
            throw new ManifestException("patch path '" + path + "' does not exist in " + root.path("kind").asText()
                    + "/" + root.path("metadata").path("name").asText());
        }
        switch (kind) {
            case "add", "replace" -> {
                if (kind.equals("replace") && parent.path(last).isMissingNode() && !(parent instanceof ArrayNode)) {
                    throw new ManifestException("replace of missing '" + path + "'");
                }
                if (parent instanceof ObjectNode p) {
                    p.set(last, op.get("value"));
                } else if (parent instanceof ArrayNode a) {
                    if (last.equals("-")) {
                        a.add(op.get("value"));
                    } else if (kind.equals("add")) {
                        a.insert(Integer.parseInt(last), op.get("value"));
                    } else {
                        a.set(Integer.parseInt(last), op.get("value"));
                    }
                }
            }
            case "remove" -> {
                if (parent instanceof ObjectNode p) {
                    p.remove(last);
                } else if (parent instanceof ArrayNode a) {
                    a.remove(Integer.parseInt(last));
                }
            }
            default -> throw new ManifestException("patch op '" + kind + "' is not supported");
        }
    }
}
