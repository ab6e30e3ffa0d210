package dev.gpufleet.connectors.cluster;

import java.util.Objects;

/// A dcgm-exporter pod to scrape: where it lives and the node it runs on (its
/// `spec.nodeName`, which is what its GPUs belong to; the exporter's `Hostname` label is
/// often the pod's own name).
///
/// `port` is the exporter's metrics port, or 0 for the connection's dcgm-exporter port.
public record ExporterPod(String namespace, String name, String nodeName, boolean ready, int port) {

    /// An exporter on the connection's dcgm-exporter port.
    public ExporterPod(String namespace, String name, String nodeName, boolean ready) {
        this(namespace, name, nodeName, ready, 0);
    }

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
