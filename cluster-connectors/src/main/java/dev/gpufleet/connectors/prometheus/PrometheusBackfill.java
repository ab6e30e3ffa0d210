package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.amd.AmdInterpreter;
import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.history.HistoryConfig;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/// Reads the past hours of one cluster's GPU telemetry from a Prometheus-compatible store, so
/// a console that connects now has the history the store kept rather than an empty chart.
///
/// The window is what the history keeps at full resolution (its retention, or less where a large
/// fleet's budget keeps less: older frames would be dropped), ending one resolution before
/// `until` (the first live round), at the history's resolution, for the metrics the history keeps only. It is read
/// newest first — the last hour matters most and arrives first — in range queries small enough
/// for the server to answer: Prometheus refuses more than 11,000 points per series, and each
/// answer is held in memory whole, so a query covers at most [#MAX_POINTS_PER_QUERY] points.
/// The first query covers a few steps and measures how many series the fleet has; the rest
/// are sized from that. Each answer is split into one [TelemetryFrame] per step through the
/// same interpretation as a live round ([PrometheusSource#frameOf]), so GPUs, MIG instances and
/// nodes are keyed exactly as live frames are.
public final class PrometheusBackfill implements AutoCloseable {

    /// Points (series × steps) one range query may return: about 50 MB of JSON at most.
    static final long MAX_POINTS_PER_QUERY = 500_000;
    /// Prometheus answers at most 11,000 points per series.
    static final int MAX_STEPS_PER_QUERY = 10_000;
    private static final int PROBE_STEPS = 30;

    private final PrometheusSource source;
    private final String query;
    private final HistoryConfig history;

    /// @param options how to reach the store; its metric list is narrowed to what `history` keeps
    public PrometheusBackfill(String cluster, PrometheusOptions options, HistoryConfig history)
            throws PrometheusException {
        PrometheusOptions narrowed = options.withMetrics(seriesFor(history.metrics()));
        this.source = new PrometheusSource(cluster, narrowed);
        this.query = narrowed.telemetryQuery();
        this.history = history;
    }

    /// What one backfill read: steps with data, distinct GPUs, queries sent, the window, and
    /// the server's warnings (a partial answer from Thanos or Mimir).
    public record Report(int frames, int gpus, int queries, Instant from, Instant to, List<String> warnings) {

        public Report {
            warnings = List.copyOf(warnings);
        }

        /// For a log line or a status: `6 h of 512 GPUs (2,160 steps, 7 queries)`.
        public String describe() {
            Duration span = Duration.between(from, to);
            String window = span.toMinutes() >= 120 ? span.toHours() + " h" : span.toMinutes() + " min";
            return window + " of " + gpus + " GPUs (" + frames + " steps, " + queries + " queries)";
        }
    }

    /// Reads the history's retention before `until`; see [#run(Instant, Duration, Consumer)].
    public Report run(Instant until, Consumer<List<TelemetryFrame>> deliver)
            throws PrometheusException, InterruptedException {
        return run(until, history.retention(), deliver);
    }

    /// Reads `window` (at most the history's retention) before `until`, handing each query's
    /// frames to `deliver` (newest query first; frames within one in time order).
    ///
    /// @throws PrometheusException  when a query fails; frames delivered before stay delivered
    /// @throws InterruptedException when the connection closes meanwhile
    public Report run(Instant until, Duration window, Consumer<List<TelemetryFrame>> deliver)
            throws PrometheusException, InterruptedException {
        long stepMillis = history.resolutionMillis();
        long ticks = Math.clamp(window.toMillis() / stepMillis, 1, history.capacity());
        Instant end = Instant.ofEpochMilli(Math.floorDiv(until.toEpochMilli(), stepMillis) * stepMillis - stepMillis);
        Instant start = end.minusMillis((ticks - 1) * stepMillis);
        Duration step = history.resolution();
        Set<String> gpus = new HashSet<>();
        Set<String> warnings = new LinkedHashSet<>();
        int frames = 0;
        int queries = 0;
        int stepsPerQuery = PROBE_STEPS;
        Instant chunkEnd = end;
        while (!chunkEnd.isBefore(start)) {
            Instant chunkStart = latest(start, chunkEnd.minusMillis((stepsPerQuery - 1L) * stepMillis));
            QueryResult<List<RangeSeries>> answer = source.queryRange(query, chunkStart, chunkEnd, step);
            queries++;
            warnings.addAll(answer.warnings());
            List<TelemetryFrame> chunk = framesOf(answer, chunkStart, chunkEnd, stepMillis);
            chunk.forEach(frame -> frame.nodes().forEach(node -> node.gpus().forEach(
                    gpu -> gpus.add(node.node() + "/" + (gpu.uuid().isBlank() ? "#" + gpu.index() : gpu.uuid())))));
            frames += chunk.size();
            if (!chunk.isEmpty()) {
                deliver.accept(chunk);
            }
            stepsPerQuery = stepsFor(answer.data().size());
            chunkEnd = chunkStart.minusMillis(stepMillis);
        }
        return new Report(frames, gpus.size(), queries, start, end.plusMillis(stepMillis), List.copyOf(warnings));
    }

    /// Steps per query for a fleet of `series` series.
    static int stepsFor(int series) {
        long steps = MAX_POINTS_PER_QUERY / Math.max(1, series);
        return (int) Math.clamp(steps, 1, MAX_STEPS_PER_QUERY);
    }

    /// The wire names of `metrics`: their DCGM fields, and every AMD series (the AMD mapping
    /// reads a few series per column; the history drops what it does not keep).
    static List<String> seriesFor(List<Metric> metrics) {
        List<String> names = new ArrayList<>();
        metrics.forEach(metric -> names.add(metric.field()));
        names.addAll(AmdInterpreter.seriesNames());
        return names;
    }

    /// One frame per step that has any point, stamped with the step's time.
    private List<TelemetryFrame> framesOf(QueryResult<List<RangeSeries>> answer, Instant from, Instant to,
            long stepMillis) throws PrometheusException {
        int steps = (int) ((to.toEpochMilli() - from.toEpochMilli()) / stepMillis) + 1;
        List<List<Sample>> byStep = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            byStep.add(new ArrayList<>());
        }
        for (RangeSeries series : answer.data()) {
            String name = series.labels().get("__name__");
            if (name == null) {
                continue;
            }
            Labels labels = labelsOf(series.labels());
            for (int i = 0; i < series.size(); i++) {
                long offset = series.timestamps()[i] - from.toEpochMilli();
                int at = (int) Math.floorDiv(offset, stepMillis);
                if (at >= 0 && at < steps) {
                    byStep.get(at).add(new Sample(name, labels, series.values()[i], series.timestamps()[i], 0));
                }
            }
        }
        List<TelemetryFrame> frames = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            if (!byStep.get(i).isEmpty()) {
                Instant time = from.plusMillis(i * stepMillis);
                frames.add(source.frameOf(new QueryResult<>(byStep.get(i), answer.warnings()), time));
            }
        }
        return frames;
    }

    /// A series' labels without `__name__`, as the interpreters read them.
    static Labels labelsOf(Map<String, String> map) {
        List<String> pairs = new ArrayList<>(map.size() * 2);
        map.forEach((name, value) -> {
            if (!name.equals("__name__")) {
                pairs.add(name);
                pairs.add(value);
            }
        });
        return Labels.of(pairs.toArray(String[]::new));
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        source.close();
    }
}
