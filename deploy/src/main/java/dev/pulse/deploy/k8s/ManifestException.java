package dev.pulse.deploy.k8s;

/** A manifest or kustomization that cannot be rendered. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }
}
