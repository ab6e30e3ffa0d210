package dev.gpufleet.connectors.cluster;

import java.util.Objects;

/// A dcgm-exporter pod to scrape: where it lives and the node it runs on (its
/// `spec.nodeName`, which is what its GPUs belong to; the exporter's `Hostname` label is
/// often the pod's own name).
public record ExporterPod(String namespace, String name, String nodeName, boolean ready) {

    public ExporterPod {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeName, "nodeName");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
