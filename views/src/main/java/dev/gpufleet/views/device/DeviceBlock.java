package dev.gpufleet.views.device;

import java.util.List;

/// One instance (or partition, or the whole GPU) as drawn: its place in slice units, its
/// colour and its labels.
///
/// @param instanceId    the MIG `GPU_I_ID` or AMD partition id, -1 for the whole GPU
/// @param title         e.g. `GI 3 · 2g.20gb`
/// @param pods          the pods attributed to it, `namespace/name`
/// @param utilization   its own utilization in percent, `NaN` when not reported
/// @param argb          its fill: `utilization` on the fleet heatmap's colour scale
/// @param computeStart  first compute slice
/// @param computeSlices compute slices it spans
/// @param memoryStart   first memory slice
/// @param memorySlices  memory slices it spans (0: memory drawn as shared, not per block)
public record DeviceBlock(int instanceId, String title, List<String> pods, double utilization, int argb,
                          int computeStart, int computeSlices, int memoryStart, int memorySlices) {

    public DeviceBlock {
        pods = List.copyOf(pods);
    }
}
