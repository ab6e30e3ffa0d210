package dev.gpufleet.views.node;

import dev.gpufleet.core.model.Health;
import java.util.List;

/// One GPU of the node view's table: plain values, ready to show.
///
/// @param index       the GPU's index on the node
/// @param utilization percent busy, `NaN` when not reported
/// @param health      the health verdict
/// @param numa        the NUMA node(s) close to the GPU, or `?` when unknown
/// @param cpus        the CPU list close to the GPU, or `?` when unknown
/// @param nics        the RDMA devices closest to the GPU (`mlx5_0`), empty when none are known
/// @param pods        `namespace/name` of the pods on the GPU
/// @param nvlinkTx    NVLink bytes per second sent, `NaN` when not reported
/// @param nvlinkRx    NVLink bytes per second received, `NaN` when not reported
/// @param linkRates   per NVLink link, counter increase per second; `NaN` where unknown
public record GpuRow(int index, double utilization, Health health, String numa, String cpus, List<String> nics, List<String> pods,
        double nvlinkTx, double nvlinkRx, double[] linkRates) {

    public GpuRow {
        nics = List.copyOf(nics);
        pods = List.copyOf(pods);
        linkRates = linkRates.clone();
    }

    @Override
    public double[] linkRates() {
        return linkRates.clone();
    }

    /// The rate of link `link`, `NaN` where unknown.
    public double linkRate(int link) {
        return link < linkRates.length ? linkRates[link] : Double.NaN;
    }
}
