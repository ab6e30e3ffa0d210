package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/// Frame preparation at 100,000 GPUs (12,500 nodes × 8) as the heatmap does it on a new
/// snapshot version: snapshot → topology (group, sort, filter) → [HeatmapFrame], built
/// incrementally from the previous frame ([HeatmapFrame#next]), → [HeatmapLayout] for a
/// 1920 px wide view, as the control gets it ([HeatmapLayout#forTopology]): a frame whose
/// shape is unchanged keeps the previous topology object and its layout, a re-sort keeps the
/// layout's positions, anything else is laid out anew. Single-threaded caller, sample mode
/// (JMH reports the median, `p0.50`).
///
/// `changed` is how much of the fleet each new version changed:
/// - `all`: every node is a new object with new readings and a new node record (two fleets
///   alternate): the full rebuild, what the first frame, a metric or arrangement switch, or a
///   fleet scraped all at once costs;
/// - `tenth`: a tenth of the nodes (every tenth node, so no two changed nodes are neighbours)
///   are new objects with new readings but their old node record (as core's `ClusterState`
///   does on a telemetry change), the rest the same objects as in the previous version: scrapes
///   spread over a 10 s interval published at a 1 s refresh. Twenty versions cycle, each
///   toggling one tenth between two readings.
///
/// `arrangement` is as in [HeatmapBenchmark].
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HeatmapFrameBenchmark {

    private static final int SLICES = 10;

    @Param({"plain", "grouped", "filtered"})
    public String arrangement;

    @Param({"all", "tenth"})
    public String changed;

    private FleetSnapshot[] versions;
    private int next;
    private HeatmapArrangement chosen;
    private HeatmapFrame frame;
    private HeatmapLayout layout;

    @Setup
    public void setUp() throws HeatmapFilter.ParseException {
        chosen = HeatmapBenchmark.arrangement(arrangement);
        NodeSnapshot[] first = SyntheticFleet.nodes(1);
        NodeSnapshot[] second = SyntheticFleet.nodes(2);
        versions = switch (changed) {
            case "all" -> new FleetSnapshot[] {SyntheticFleet.of(1, first), SyntheticFleet.of(2, second)};
            case "tenth" -> tenths(first, second);
            default -> throw new IllegalArgumentException(changed);
        };
        frame = HeatmapFrame.extract(versions[versions.length - 1], HeatmapMetric.UTILIZATION, null, chosen);
        layout = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.DEFAULT, 1920);
    }

    /// 2 × [#SLICES] versions; version `k` toggles slice `k % SLICES` (nodes `n % SLICES == k`)
    /// between `first`'s and `second`'s readings (on `first`'s records), so the last version
    /// equals the starting point.
    private static FleetSnapshot[] tenths(NodeSnapshot[] first, NodeSnapshot[] readings) {
        FleetSnapshot[] versions = new FleetSnapshot[2 * SLICES];
        NodeSnapshot[] second = new NodeSnapshot[first.length];
        for (int n = 0; n < first.length; n++) {
            NodeSnapshot other = readings[n];
            second[n] = new NodeSnapshot(first[n].node(), other.gpus(), other.pods(), other.telemetryAt(),
                    other.telemetryProblem());
        }
        NodeSnapshot[] current = first.clone();
        for (int k = 0; k < versions.length; k++) {
            int slice = k % SLICES;
            for (int n = slice; n < current.length; n += SLICES) {
                current[n] = current[n] == first[n] ? second[n] : first[n];
            }
            versions[k] = SyntheticFleet.of(k + 1, current.clone());
        }
        return versions;
    }

    @Benchmark
    public HeatmapLayout prepareFrame() {
        FleetSnapshot snapshot = versions[next];
        next = (next + 1) % versions.length;
        HeatmapFrame prepared = frame.next(snapshot, HeatmapMetric.UTILIZATION, chosen);
        layout = layout.forTopology(prepared.topology());
        frame = prepared;
        return layout;
    }
}
