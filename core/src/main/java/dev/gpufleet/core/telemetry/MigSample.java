package dev.gpufleet.core.telemetry;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import java.util.List;

/// One MIG instance's readings: its GPU instance id (`GPU_I_ID`), profile (`GPU_I_PROFILE`,
/// e.g. `1g.10gb`), values and the pods the exporter attributes to it.
public record MigSample(int gpuInstanceId, String profile, MetricValues values, List<PodRef> pods) {

    public MigSample {
        pods = List.copyOf(pods);
    }
}
