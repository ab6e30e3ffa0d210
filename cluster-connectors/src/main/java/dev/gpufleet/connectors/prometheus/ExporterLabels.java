package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.dcgm.DcgmLabels;
import dev.gpufleet.connectors.exposition.Labels;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// Undoes what a Prometheus scrape does to dcgm-exporter's pod attribution, so a series read
/// back from Prometheus means what the exporter said.
///
/// Kubernetes service discovery adds the *scrape target's* `pod`, `namespace` and `container`
/// (the exporter pod itself). With `honor_labels: false` the exporter's own attribution is then
/// renamed `exported_pod` etc.; with `honor_labels: true` (the GPU Operator's ServiceMonitor)
/// the exporter's labels win where it set them, but a GPU that no pod uses gets the exporter
/// pod as its "workload". So: `exported_*` labels, when present, are the attribution; an
/// attribution to a pod whose name says it is a dcgm-exporter is no attribution at all.
final class ExporterLabels {

    private static final String EXPORTED = "exported_";
    private static final String EXPORTER_POD_MARK = "dcgm-exporter";

    private ExporterLabels() {
    }

    static Labels restore(Labels labels) {
        boolean exported = labels.get(EXPORTED + DcgmLabels.POD) != null;
        String pod = exported ? labels.get(EXPORTED + DcgmLabels.POD) : labels.get(DcgmLabels.POD);
        boolean selfAttributed = pod != null && pod.contains(EXPORTER_POD_MARK);
        if (!exported && !selfAttributed) {
            return labels;
        }
        List<String> pairs = new ArrayList<>(labels.size() * 2);
        for (int i = 0; i < labels.size(); i++) {
            String name = attributionName(labels.name(i), exported);
            if (name == null || selfAttributed && isAttribution(name)) {
                continue;
            }
            pairs.add(name);
            pairs.add(labels.value(i));
        }
        return Labels.of(pairs.toArray(String[]::new));
    }

    /// The name a label keeps; `null` for a target label that an `exported_` one replaces.
    private static @Nullable String attributionName(String name, boolean exported) {
        if (!exported) {
            return name;
        }
        if (name.startsWith(EXPORTED) && isAttribution(name.substring(EXPORTED.length()))) {
            return name.substring(EXPORTED.length());
        }
        return isAttribution(name) ? null : name;
    }

    private static boolean isAttribution(String name) {
        return name.equals(DcgmLabels.POD) || name.equals(DcgmLabels.NAMESPACE) || name.equals(DcgmLabels.CONTAINER);
    }
}
