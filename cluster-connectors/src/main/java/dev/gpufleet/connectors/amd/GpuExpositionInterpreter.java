package dev.gpufleet.connectors.amd;

import dev.gpufleet.connectors.dcgm.DcgmReading;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.core.telemetry.GpuSample;
import java.util.ArrayList;
import java.util.List;

/// Turns one exposition text into GPUs whichever vendor's exporter wrote it, so the pod-proxy
/// scrape and the Prometheus source need not know: dcgm-exporter series through the DCGM
/// reading, ROCm device-metrics-exporter series through [AmdInterpreter].
///
/// A node normally has one vendor. Should a text hold both, the AMD cards are numbered after
/// the NVIDIA ones, so no two GPUs of a node share an index.
public final class GpuExpositionInterpreter {

    private GpuExpositionInterpreter() {
    }

    /// Every GPU of `exposition`: the NVIDIA ones `dcgm` read from it, then the AMD ones.
    public static List<GpuSample> gpuSamples(Exposition exposition, DcgmReading dcgm) {
        List<GpuSample> nvidia = dcgm.toGpuSamples();
        List<GpuSample> amd = AmdInterpreter.interpret(exposition).gpus();
        if (amd.isEmpty()) {
            return nvidia;
        }
        if (nvidia.isEmpty()) {
            return amd;
        }
        int next = nvidia.stream().mapToInt(GpuSample::index).max().orElse(-1) + 1;
        List<GpuSample> all = new ArrayList<>(nvidia);
        for (GpuSample gpu : amd) {
            all.add(new GpuSample(next++, gpu.uuid(), gpu.model(), gpu.values(), gpu.mig(), gpu.pods()));
        }
        return all;
    }
}
