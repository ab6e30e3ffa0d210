package dev.gpufleet.connectors.amd;

import dev.gpufleet.core.telemetry.GpuSample;
import java.util.List;

/// What one text says about AMD GPUs: the cards, as core samples ordered by index,
/// `series` the AMD series read, and `unattributedSeries` those naming no card (no serial,
/// uuid or gpu id), which were left out.
public record AmdReading(List<GpuSample> gpus, int series, int unattributedSeries) {

    public AmdReading {
        gpus = List.copyOf(gpus);
    }
}
