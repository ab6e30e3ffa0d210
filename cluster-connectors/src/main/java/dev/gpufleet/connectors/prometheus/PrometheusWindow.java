package dev.gpufleet.connectors.prometheus;

import dev.gpufleet.connectors.exposition.Labels;
import dev.gpufleet.connectors.exposition.Sample;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/// A past window of one cluster's GPU telemetry read from a Prometheus-compatible store one
/// step at a time, oldest first, for an accounting that streams over days (the waste report).
///
/// The window is cut into steps of [#stepFor] (at most [#MAX_STEPS] of them, under
/// Prometheus's 11,000 points per series) aligned to the step, and read in range queries of as
/// many steps as [PrometheusBackfill#stepsFor] allows for the series the fleet has (the first
/// query covers a few steps to count them). Only one query's answer is held, as primitive
/// arrays per series; each step becomes one [TelemetryFrame] when asked for, through the same
/// interpretation as a live round ([PrometheusSource#frameOf]). A step with no points is a
/// frame without nodes. Each value is the newest the store held at the step (its lookback,
/// 5 min by default), as an instant query at that time would read.
public final class PrometheusWindow implements AutoCloseable {

    /// The most steps one window is cut into.
    public static final int MAX_STEPS = 10_000;
    /// Steps a window may take, finest first: round numbers people read in a trend.
    private static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1));
    private static final int PROBE_STEPS = 30;

    private final PrometheusSource source;
    private final String query;
    private final long stepMillis;
    private final long firstMillis;
    private final int steps;
    private final Set<String> warnings = new LinkedHashSet<>();
    private int next;
    private int queries;
    private int stepsPerQuery = PROBE_STEPS;
    private Chunk chunk = Chunk.EMPTY;

    /// @param metrics the metrics to read (the options' own list is replaced by their series)
    /// @param from    the window's start, rounded down to the step
    /// @param to      its end, rounded down to the step
    public PrometheusWindow(String cluster, PrometheusOptions options, List<Metric> metrics, Instant from, Instant to,
            Duration step) throws PrometheusException {
        if (step.isNegative() || step.isZero() || to.isBefore(from)) {
            throw new IllegalArgumentException("a window needs a positive step and an end after its start, not "
                    + from + " to " + to + " by " + step);
        }
        PrometheusOptions narrowed = options.withMetrics(PrometheusBackfill.seriesFor(metrics));
        this.source = new PrometheusSource(cluster, narrowed);
        this.query = narrowed.telemetryQuery();
        this.stepMillis = step.toMillis();
        this.firstMillis = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
        long lastMillis = Math.floorDiv(to.toEpochMilli(), stepMillis) * stepMillis;
        this.steps = (int) Math.min(Integer.MAX_VALUE, (lastMillis - firstMillis) / stepMillis + 1);
    }

    /// The coarsest of `finest` and the smallest round step that cuts `window` into at most
    /// [#MAX_STEPS] steps: 10 s for an hour at 10 s, 1 min for a day, 2 min for 7 days.
    public static Duration stepFor(Duration window, Duration finest) {
        long needed = Math.ceilDiv(Math.max(1, window.toMillis()), MAX_STEPS);
        for (Duration step : STEPS) {
            if (step.toMillis() >= needed && step.compareTo(finest) >= 0) {
                return step;
            }
        }
        Duration coarsest = Duration.ofMillis(needed);
        return coarsest.compareTo(finest) >= 0 ? coarsest : finest;
    }

    /// How many steps the window has.
    public int steps() {
        return steps;
    }

    public Duration step() {
        return Duration.ofMillis(stepMillis);
    }

    /// The first step's time.
    public Instant first() {
        return Instant.ofEpochMilli(firstMillis);
    }

    public boolean hasNext() {
        return next < steps;
    }

    /// The next step's frame, querying the store when the answer in hand is used up.
    ///
    /// @throws PrometheusException  when a query fails
    /// @throws InterruptedException when interrupted while waiting for the store
    public TelemetryFrame next() throws PrometheusException, InterruptedException {
        if (!hasNext()) {
            throw new NoSuchElementException("the window has " + steps + " steps, all read");
        }
        if (next > chunk.lastStep) {
            chunk = fetch(next);
        }
        long time = firstMillis + next * stepMillis;
        next++;
        return source.frameOf(new QueryResult<>(chunk.samplesAt(time, stepMillis), chunk.warnings), Instant.ofEpochMilli(time));
    }

    /// Range queries sent so far.
    public int queries() {
        return queries;
    }

    /// The server's warnings so far (a partial answer from Thanos or Mimir).
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    private Chunk fetch(int from) throws PrometheusException, InterruptedException {
        int last = (int) Math.min((long) from + stepsPerQuery - 1, steps - 1L);
        Instant start = Instant.ofEpochMilli(firstMillis + from * stepMillis);
        Instant end = Instant.ofEpochMilli(firstMillis + last * stepMillis);
        QueryResult<List<RangeSeries>> answer = source.queryRange(query, start, end, Duration.ofMillis(stepMillis));
        queries++;
        warnings.addAll(answer.warnings());
        stepsPerQuery = PrometheusBackfill.stepsFor(answer.data().size());
        return new Chunk(answer.data(), last, answer.warnings());
    }

    /// One range answer, with a read position per series; steps are asked for in order.
    private static final class Chunk {

        static final Chunk EMPTY = new Chunk(List.of(), -1, List.of());

        private final List<RangeSeries> series = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<Labels> labels = new ArrayList<>();
        private final int[] cursors;
        final int lastStep;
        final List<String> warnings;

        Chunk(List<RangeSeries> answer, int lastStep, List<String> warnings) {
            for (RangeSeries one : answer) {
                String name = one.labels().get("__name__");
                if (name != null) {
                    series.add(one);
                    names.add(name);
                    labels.add(PrometheusBackfill.labelsOf(one.labels()));
                }
            }
            this.cursors = new int[series.size()];
            this.lastStep = lastStep;
            this.warnings = warnings;
        }

        /// The point of each series at `time` (within half a step, for servers that round).
        List<Sample> samplesAt(long time, long stepMillis) {
            List<Sample> samples = new ArrayList<>();
            long half = stepMillis / 2;
            for (int s = 0; s < series.size(); s++) {
                RangeSeries one = series.get(s);
                int at = cursors[s];
                while (at < one.size() && one.timestamps()[at] < time - half) {
                    at++;
                }
                cursors[s] = at;
                if (at < one.size() && one.timestamps()[at] < time + stepMillis - half) {
                    samples.add(new Sample(names.get(s), labels.get(s), one.values()[at], one.timestamps()[at], 0));
                }
            }
            return samples;
        }
    }

    @Override
    public void close() {
        source.close();
    }
}
