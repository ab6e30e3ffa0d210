package dev.gpufleet.app.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/// A finished soak's samples and its verdict.
///
/// - Heap: the slope of a least-squares line through (time, heap after full GC) over the samples
///   of the second half, in MB per 10 minutes; it passes at or below the plan's limit.
/// - Frames: the median, over the samples of each edge window ([SoakPlan#edge()]: the first and
///   the last 5 minutes), of each sample's frame-time p99; it fails when the last is more than
///   the plan's factor (2) times the first and more than [SoakPlan#FRAME_NOISE_MS] above it.
/// - Threads: it fails when the last sample has more than 10 threads above the middle one
///   (something starts threads it never stops).
///
/// @param churn what the churn did, in words, or empty without churn
public record SoakReport(SoakPlan plan, List<SoakSample> samples, String churn) {

    static final int THREAD_GROWTH_LIMIT = 10;

    public SoakReport {
        samples = List.copyOf(samples);
    }

    /// Heap growth over the second half, MB per 10 min; NaN with fewer than 2 samples there.
    public double heapSlopeMbPer10Min() {
        double half = plan.duration().toMillis() / 2_000.0;
        List<SoakSample> late = samples.stream().filter(s -> s.seconds() >= half).toList();
        if (late.size() < 2) {
            return Double.NaN;
        }
        double meanT = late.stream().mapToDouble(SoakSample::seconds).average().orElse(0);
        double meanH = late.stream().mapToDouble(SoakSample::heapMb).average().orElse(0);
        double num = 0;
        double den = 0;
        for (SoakSample s : late) {
            num += (s.seconds() - meanT) * (s.heapMb() - meanH);
            den += (s.seconds() - meanT) * (s.seconds() - meanT);
        }
        return den == 0 ? Double.NaN : num / den * 600;
    }

    /// Median frame p99 of the first edge window, ms.
    public double firstFrameP99() {
        return median(firstWindow(), SoakSample::frameP99);
    }

    /// Median frame p99 of the last edge window, ms.
    public double lastFrameP99() {
        return median(lastWindow(), SoakSample::frameP99);
    }

    private List<SoakSample> firstWindow() {
        double edge = plan.edge().toMillis() / 1_000.0;
        return samples.stream().filter(s -> s.seconds() <= edge + 0.5).toList();
    }

    private List<SoakSample> lastWindow() {
        double from = (plan.duration().toMillis() - plan.edge().toMillis()) / 1_000.0;
        return samples.stream().filter(s -> s.seconds() > from - 0.5).toList();
    }

    /// Why the run failed, one line per bound broken; empty when it passed.
    public List<String> failures() {
        List<String> failures = new ArrayList<>();
        double slope = heapSlopeMbPer10Min();
        if (Double.isNaN(slope)) {
            failures.add("too few samples in the second half to fit the heap's slope");
        } else if (slope > plan.heapSlopeLimitMb()) {
            failures.add(String.format(Locale.ROOT, "heap grew %.2f MB per 10 min over the second half (limit %.1f)",
                    slope, plan.heapSlopeLimitMb()));
        }
        double first = firstFrameP99();
        double last = lastFrameP99();
        if (Double.isNaN(first) || Double.isNaN(last)) {
            failures.add("no heatmap frames measured at the start or the end");
        } else if (last > first * plan.frameDegradation() && last - first > SoakPlan.FRAME_NOISE_MS) {
            failures.add(String.format(Locale.ROOT, "frame time p99 went from %.2f ms to %.2f ms (limit %.1fx)", first,
                    last, plan.frameDegradation()));
        }
        if (samples.size() >= 2) {
            int middle = samples.get(samples.size() / 2).threads();
            int end = samples.getLast().threads();
            if (end > middle + THREAD_GROWTH_LIMIT) {
                failures.add("threads grew from " + middle + " to " + end + " over the second half");
            }
        }
        return failures;
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    /// The samples as a table, then the figures and the verdict.
    public String table() {
        StringBuilder out = new StringBuilder(SoakSample.header()).append('\n');
        samples.forEach(s -> out.append(s.row()).append('\n'));
        SoakSample last = samples.isEmpty() ? null : samples.getLast();
        out.append(String.format(Locale.ROOT, "heap slope (second half): %.2f MB per 10 min (limit %.1f)%n",
                heapSlopeMbPer10Min(), plan.heapSlopeLimitMb()));
        if (!samples.isEmpty()) {
            out.append(String.format(Locale.ROOT, "heap after GC: first %.1f MB, last %.1f MB; threads: first %d, last %d%n",
                    samples.getFirst().heapMb(), last.heapMb(), samples.getFirst().threads(), last.threads()));
        }
        out.append(String.format(Locale.ROOT,
                "frame time p99 (median over %d s windows): first %.2f ms, last %.2f ms (limit %.1fx); "
                        + "frame p50: first %.2f ms, last %.2f ms%n", plan.edge().toSeconds(), firstFrameP99(),
                lastFrameP99(), plan.frameDegradation(), median(firstWindow(), SoakSample::frameP50),
                median(lastWindow(), SoakSample::frameP50)));
        if (!churn.isEmpty()) {
            out.append("churn: ").append(churn).append('\n');
        }
        List<String> failures = failures();
        out.append(failures.isEmpty() ? "verdict: PASS" : "verdict: FAIL: " + String.join("; ", failures)).append('\n');
        return out.toString();
    }

    /// The samples as CSV, header first.
    public String csv() {
        StringBuilder out = new StringBuilder(SoakSample.CSV_HEADER).append('\n');
        samples.forEach(s -> out.append(s.csv()).append('\n'));
        return out.toString();
    }

    private static double median(List<SoakSample> window, ToDoubleFunction<SoakSample> value) {
        double[] values = window.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }
}
