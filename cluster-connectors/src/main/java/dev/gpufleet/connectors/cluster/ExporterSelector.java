package dev.gpufleet.connectors.cluster;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One kind of GPU exporter pod to scrape: where its pods live, the labels they carry, the
/// port they serve `/metrics` on, and a name for people.
///
/// @param name       what the exporter is, e.g. `AMD device-metrics-exporter`
/// @param namespace  namespace of its pods, `null` for all namespaces
/// @param labels     labels its pods carry
/// @param port       its metrics port
public record ExporterSelector(String name, @Nullable String namespace, Map<String, String> labels, int port) {

    /// The AMD GPU Operator's exporter DaemonSet (`<deviceconfig>-metrics-exporter`, in the
    /// DeviceConfig's namespace, `kube-amd-gpu` by default, hence any namespace here). The
    /// operator labels its pods `app.kubernetes.io/name=metrics-exporter` and
    /// `daemonset-name=<deviceconfig>` (the second varies, so only the first is matched) and
    /// serves `/metrics` on container port `exporter-port`, 5000 unless the DeviceConfig sets
    /// `metricsExporter.port`.
    public static final ExporterSelector AMD_METRICS_EXPORTER = new ExporterSelector("AMD device-metrics-exporter",
            null, Map.of("app.kubernetes.io/name", "metrics-exporter"), 5000);

    public ExporterSelector {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the exporter port must be 1..65535, not " + port);
        }
    }

    /// For people: `pods labelled app=nvidia-dcgm-exporter in any namespace, port 9400`.
    public String scope() {
        StringBuilder text = new StringBuilder("pods labelled ");
        labels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(label -> {
            if (!text.toString().endsWith(" ")) {
                text.append(',');
            }
            text.append(label.getKey()).append('=').append(label.getValue());
        });
        return text + (namespace == null ? " in any namespace" : " in namespace " + namespace) + ", port " + port;
    }
}
