package dev.gpufleet.connectors.dcgm;

import dev.gpufleet.connectors.exposition.ParseError;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/// What one dcgm-exporter text says: its GPUs, plus counts that explain the rest.
///
/// `series` counts every sample read; `otherSeries` those that are not dcgm-exporter's own
/// (`go_*`, `process_*`, …) and were ignored; `unattributedSeries` dcgm series without any
/// GPU label (dummies in test fixtures, exporter self-metrics), also ignored for GPUs.
/// `errors` are the lines that could not be read (the first hundred; `errorCount` counts all).
public record DcgmReading(
        List<DcgmGpu> gpus,
        int series,
        int otherSeries,
        int unattributedSeries,
        int duplicateSeries,
        List<ParseError> errors,
        int errorCount) {

    public DcgmReading {
        gpus = List.copyOf(gpus);
        errors = List.copyOf(errors);
    }

    public int migInstanceCount() {
        int count = 0;
        for (DcgmGpu gpu : gpus) {
            count += gpu.mig().size();
        }
        return count;
    }

    /// Every pod attributed to any GPU, each once, in order of appearance.
    public Set<PodRef> pods() {
        Set<PodRef> pods = new LinkedHashSet<>();
        for (DcgmGpu gpu : gpus) {
            pods.addAll(gpu.pods());
        }
        return pods;
    }

    /// The core samples; GPUs without an index take the lowest indexes nobody uses.
    public List<GpuSample> toGpuSamples() {
        BitSet used = new BitSet();
        for (DcgmGpu gpu : gpus) {
            if (gpu.index() >= 0) {
                used.set(gpu.index());
            }
        }
        List<GpuSample> samples = new ArrayList<>(gpus.size());
        int nextFree = used.nextClearBit(0);
        for (DcgmGpu gpu : gpus) {
            samples.add(gpu.toGpuSample(nextFree));
            if (gpu.index() < 0) {
                used.set(nextFree);
                nextFree = used.nextClearBit(nextFree);
            }
        }
        return samples;
    }

    /// A sentence for people when some lines could not be read, naming `source` (e.g.
    /// "dcgm-exporter gpu-operator/nvidia-dcgm-exporter-x7k2p"); `null` when all were read.
    public @Nullable String problem(String source) {
        if (errorCount == 0) {
            return null;
        }
        ParseError first = errors.isEmpty() ? null : errors.getFirst();
        String lines = errorCount == 1 ? "1 line" : errorCount + " lines";
        return lines + " from " + source + " could not be read"
                + (first == null ? "" : " (first: " + first + ")")
                + "; the other series were used. If this persists, check the exporter's version and"
                + " its metrics configuration.";
    }
}
