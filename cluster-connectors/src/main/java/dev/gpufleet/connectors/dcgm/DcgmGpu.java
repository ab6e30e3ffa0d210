package dev.gpufleet.connectors.dcgm;

import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// One physical GPU as an exporter reports it.
///
/// `index` is the `gpu` label (else the number in `device="nvidiaN"`, else -1); `metrics`
/// holds every `DCGM_*` series sent for the whole GPU, by series name, in text order, and
/// `mig` the instances of a MIG-enabled card. `pods` are the pods the exporter attributes to
/// the GPU or to any of its instances.
public record DcgmGpu(
        int index,
        @Nullable String uuid,
        @Nullable String model,
        @Nullable String hostname,
        @Nullable String pciBusId,
        @Nullable String driverVersion,
        Map<String, Double> metrics,
        List<DcgmMigInstance> mig,
        List<PodRef> pods) {

    public DcgmGpu {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        mig = List.copyOf(mig);
        pods = List.copyOf(pods);
    }

    /// The core sample. A GPU without a `UUID` label gets an empty uuid rather than an
    /// invented one; one without an index gets `fallbackIndex`.
    ///
    /// For a MIG-enabled card the whole-GPU values are completed from its instances where
    /// the exporter reported device-wide fields per instance (see [DcgmProjection]).
    public GpuSample toGpuSample(int fallbackIndex) {
        List<MigSample> instances = new ArrayList<>(mig.size());
        for (DcgmMigInstance instance : mig) {
            instances.add(instance.toMigSample());
        }
        double[] values = DcgmProjection.valuesOf(metrics);
        DcgmProjection.completeFromInstances(values, instances);
        return new GpuSample(index >= 0 ? index : fallbackIndex, uuid == null ? "" : uuid, model,
                MetricValues.wrap(values), instances, pods);
    }
}
