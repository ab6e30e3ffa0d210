package dev.gpufleet.views.heatmap;

import java.util.SplittableRandom;
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

/// The heatmap's per-frame work at 100,000 GPUs (12,500 nodes × 8), single-threaded, as the FX
/// thread does it. Sample mode, so JMH reports the median (`p0.50`) beside the mean.
///
/// Frame preparation is [HeatmapFrameBenchmark]. `arrangement`: `plain` (by cluster, by
/// name), `grouped` (by `karpenter.sh/nodepool`, by utilization), `filtered` (grouped, plus
/// `-l topology.kubernetes.io/zone in (zone-a, zone-b) health>=healthy`, which keeps two thirds
/// of the fleet).
/// - `renderViewport`: one 1920 × 1080 viewport of that frame into the pixel buffer, at the
///   default 14 px cells and at 4 px (where the whole fleet is a few screens).
/// - `timeStrip`: a GPU × time strip of 100,000 GPUs × 60 buckets, each GPU one pixel row
///   (a 60 × 100,000 buffer), and fitted into 1080 rows (the worst of ~93 GPUs per row).
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HeatmapBenchmark {

    @Param({"plain", "grouped", "filtered"})
    public String arrangement;

    private HeatmapArrangement chosen;
    private HeatmapFrame frame;
    private HeatmapLayout layout14;
    private HeatmapLayout layout4;
    private final int[] pixels = new int[1920 * 1080];
    private TimeStripData strip;
    private final TimeStripRenderer stripRenderer =
            new TimeStripRenderer(HeatmapMetric.UTILIZATION.scale(), HeatmapPalette.DARK.noTelemetry());
    private int[] stripPixels;

    @Setup
    public void setUp() throws HeatmapFilter.ParseException {
        chosen = arrangement(arrangement);
        frame = HeatmapFrame.extract(SyntheticFleet.build(1, 1), HeatmapMetric.UTILIZATION, null, chosen);
        layout14 = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.DEFAULT, 1920);
        layout4 = HeatmapLayout.compute(frame.topology(), HeatmapGeometry.forCellSize(4), 1920);
        strip = TimeStripData.blank(100_000, 60);
        SplittableRandom random = new SplittableRandom(3);
        float[] values = strip.values();
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(50) == 0 ? Float.NaN : (float) random.nextDouble(100);
        }
        stripPixels = new int[60 * 100_000];
    }

    @Benchmark
    public int renderViewport14() {
        return render(layout14);
    }

    @Benchmark
    public int renderViewport4() {
        return render(layout4);
    }

    /// `plain`, `grouped` or `filtered`, as the class comment says.
    static HeatmapArrangement arrangement(String name) throws HeatmapFilter.ParseException {
        return switch (name) {
            case "plain" -> HeatmapArrangement.DEFAULT;
            case "grouped" -> new HeatmapArrangement("karpenter.sh/nodepool", HeatmapSort.UTILIZATION,
                    HeatmapFilter.ALL);
            case "filtered" -> new HeatmapArrangement("karpenter.sh/nodepool", HeatmapSort.UTILIZATION,
                    HeatmapFilter.parse("-l \"topology.kubernetes.io/zone in (zone-a, zone-b)\" health>=healthy"));
            default -> throw new IllegalArgumentException(name);
        };
    }

    private int render(HeatmapLayout layout) {
        int originY = Math.max(0, layout.height() / 2 - 540);
        PixelTarget target = new PixelTarget(pixels, 1920, 1080, 0, originY);
        HeatmapRenderer.render(target, layout, frame, HeatmapPalette.DARK,
                new HeatmapRenderer.Marks(100, 200, SyntheticFleet.T0.toEpochMilli(), 60_000));
        return pixels[1920 * 540 + 960];
    }

    @Benchmark
    public int timeStripAllRows() {
        TimeStripLayout layout = TimeStripLayout.of(100_000, 60, 1, 1);
        stripRenderer.render(new PixelTarget(stripPixels, 60, 100_000, 0, 0), layout, strip);
        return stripPixels[60 * 50_000 + 30];
    }

    @Benchmark
    public int timeStripFitted() {
        TimeStripLayout layout = TimeStripLayout.fit(100_000, 60, 4, 1080);
        stripRenderer.render(new PixelTarget(stripPixels, 240, 1080, 0, 0), layout, strip);
        return stripPixels[240 * 540 + 30];
    }
}
