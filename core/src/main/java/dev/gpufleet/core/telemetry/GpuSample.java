package dev.gpufleet.core.telemetry;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// One physical GPU's readings from one scrape.
///
/// `index` is the exporter's `gpu` label, `uuid` its `UUID`; `values` hold the whole-GPU
/// series, and for a MIG-enabled card `mig` holds one entry per instance (whole-GPU
/// utilization is then usually not reported at all).
public record GpuSample(
        int index,
        String uuid,
        @Nullable String model,
        MetricValues values,
        List<MigSample> mig,
        List<PodRef> pods) {

    public GpuSample {
        Objects.requireNonNull(uuid, "uuid");
        mig = List.copyOf(mig);
        pods = List.copyOf(pods);
    }
}
