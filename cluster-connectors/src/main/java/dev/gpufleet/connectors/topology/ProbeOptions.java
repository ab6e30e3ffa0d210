package dev.gpufleet.connectors.topology;

import java.time.Duration;
import java.util.Objects;

/// Where and how the topology probe runs.
///
/// @param namespace the namespace the probe pod is created in
/// @param image     an image with `nvidia-smi` on its path once the NVIDIA runtime mounts the
///                  driver: any CUDA base image
/// @param timeout   how long to wait for the pod to finish before giving up (and deleting it)
public record ProbeOptions(String namespace, String image, Duration timeout) {

    public static final String DEFAULT_IMAGE = "nvcr.io/nvidia/cuda:12.4.1-base-ubuntu22.04";

    public ProbeOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(image, "image");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the probe timeout must be positive: " + timeout);
        }
    }

    /// Namespace `default`, the CUDA base image, two minutes.
    public static ProbeOptions defaults() {
        return new ProbeOptions("default", DEFAULT_IMAGE, Duration.ofMinutes(2));
    }

    public ProbeOptions withNamespace(String value) {
        return new ProbeOptions(value, image, timeout);
    }

    public ProbeOptions withTimeout(Duration value) {
        return new ProbeOptions(namespace, image, value);
    }
}
