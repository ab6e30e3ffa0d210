package dev.gpufleet.connectors.dcgm;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// One MIG instance as the exporter reports it: GPU instance id (`GPU_I_ID`, -1 when the
/// label is not a number), profile (`GPU_I_PROFILE` as printed, e.g. `1g.10gb`; exporters
/// sometimes print it slightly off, like `7g.79gb`), every series sent for it, and its pods.
public record DcgmMigInstance(int gi, @Nullable String profile, Map<String, Double> metrics, List<PodRef> pods) {

    public DcgmMigInstance {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        pods = List.copyOf(pods);
    }

    /// The core sample: only fields gpufleet knows; a field not sent stays `NaN`.
    public MigSample toMigSample() {
        return new MigSample(gi, profile == null ? "" : profile,
                MetricValues.wrap(DcgmProjection.valuesOf(metrics)), pods);
    }
}
