package dev.gpufleet.core.triage;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/// Measures what the XID history costs the store's writer per frame: `record(frame)` over a
/// fleet of `gpus` GPUs (8 per node) where 1 in 500 shows an XID that changes now and then.
///
/// Run: `java -cp core/target/classes:core/target/test-classes:<deps> \
///   dev.gpufleet.core.triage.XidTrackerBench [gpus] [frames]`. Not a unit test.
public final class XidTrackerBench {

    private XidTrackerBench() {
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        List<TelemetryFrame> cycle = new ArrayList<>();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int variant = 0; variant < 4; variant++) {
            cycle.add(frame(gpus, variant, start));
        }
        XidTracker tracker = new XidTracker();
        for (int warm = 0; warm < frames / 2; warm++) {
            tracker.record(cycle.get(warm % cycle.size()));
        }
        long began = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            TelemetryFrame f = cycle.get(i % cycle.size());
            tracker.record(new TelemetryFrame(f.cluster(), start.plusSeconds(10L * i), f.nodes()));
        }
        double msPerFrame = (System.nanoTime() - began) / 1e6 / frames;
        System.out.printf("%,d GPUs: XidTracker.record %.2f ms per frame (%.1f ns per GPU)%n", gpus, msPerFrame,
                msPerFrame * 1e6 / gpus);
    }

    private static TelemetryFrame frame(int gpus, int variant, Instant at) {
        MetricValues clear = row(0);
        List<NodeTelemetry> nodes = new ArrayList<>();
        for (int node = 0; node < gpus / 8; node++) {
            List<GpuSample> samples = new ArrayList<>(8);
            for (int gpu = 0; gpu < 8; gpu++) {
                int flat = node * 8 + gpu;
                MetricValues values = flat % 500 == 0 ? row(variant % 2 == 0 ? 79 : 13 + variant) : clear;
                samples.add(new GpuSample(gpu, "GPU-" + flat, "NVIDIA H100", values, List.of(), List.of()));
            }
            nodes.add(new NodeTelemetry("node-" + node, samples, null));
        }
        return new TelemetryFrame("bench", at, nodes);
    }

    private static MetricValues row(double xid) {
        double[] values = MetricValues.blankArray();
        values[Metric.XID_ERRORS.ordinal()] = xid;
        values[Metric.GPU_TEMP.ordinal()] = 50;
        return MetricValues.wrap(values);
    }
}
