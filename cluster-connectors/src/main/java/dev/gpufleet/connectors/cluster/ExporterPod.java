package dev.gpufleet.connectors.cluster;

import java.util.Objects;

/// A GPU exporter pod to scrape: where it lives and the node it runs on (its
/// `spec.nodeName`, which is what its GPUs belong to; the exporter's `Hostname` label is
/// often the pod's own name).
///
/// `port` is the exporter's metrics port, or 0 for the connection's dcgm-exporter port;
/// `exporter` says which exporter it is, for messages (`dcgm-exporter`,
/// `AMD device-metrics-exporter`).
public record ExporterPod(String namespace, String name, String nodeName, boolean ready, int port, String exporter) {

    /// A dcgm-exporter on the connection's dcgm-exporter port.
    public ExporterPod(String namespace, String name, String nodeName, boolean ready) {
        this(namespace, name, nodeName, ready, 0);
    }

    /// A dcgm-exporter on `port`.
    public ExporterPod(String namespace, String name, String nodeName, boolean ready, int port) {
        this(namespace, name, nodeName, ready, port, "dcgm-exporter");
    }

    public ExporterPod {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(exporter, "exporter");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
