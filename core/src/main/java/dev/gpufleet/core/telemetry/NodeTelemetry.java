package dev.gpufleet.core.telemetry;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/// What one node's exporter said in one scrape: its GPUs, or why nothing could be read.
///
/// `problem` is a sentence for people (what failed, where, what to do) and is set when the
/// scrape failed or when lines of the answer could not be read; a failed scrape has no GPUs.
public record NodeTelemetry(String node, List<GpuSample> gpus, @Nullable String problem) {

    public NodeTelemetry {
        Objects.requireNonNull(node, "node");
        gpus = List.copyOf(gpus);
    }

    public static NodeTelemetry failed(String node, String problem) {
        return new NodeTelemetry(node, List.of(), problem);
    }

    public boolean failed() {
        return problem != null && gpus.isEmpty();
    }
}
