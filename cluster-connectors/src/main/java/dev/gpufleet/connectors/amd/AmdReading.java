package dev.gpufleet.connectors.amd;

import dev.gpufleet.core.telemetry.GpuSample;
import java.util.List;
import java.util.Map;

/// What one text says about AMD GPUs: the cards, as core samples ordered by index,
/// `series` the AMD series read, `unattributedSeries` those naming no card (no serial, uuid or
/// gpu id), which were left out, and the `hostname` label of each card by its index where the
/// text named one.
public record AmdReading(List<GpuSample> gpus, int series, int unattributedSeries, Map<Integer, String> hostnames) {

    public AmdReading {
        gpus = List.copyOf(gpus);
        hostnames = Map.copyOf(hostnames);
    }
}
