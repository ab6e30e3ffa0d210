package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.WasteAmounts;
import dev.gpufleet.core.capacity.WasteReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/// The chart's points: GPUs on average per category and time bucket, so the stack's height is
/// the fleet's GPU count whatever the bucket.
///
/// The ledger keeps hourly buckets only, which leave a young session with one point. So this
/// also remembers the fleet's running totals at each report it is shown, and while the window
/// is shorter than [#HOURLY_FROM] it draws buckets of [#bucketFor] from their differences:
/// 10 s under 10 minutes, a minute after (the ledger's hours until two minutes are seen, for
/// a screen opened on a ledger that counted before it). Not thread-safe: the view model calls it on one thread.
public final class CapacityTrend {

    /// From this window length on, the ledger's hourly buckets are drawn.
    public static final Duration HOURLY_FROM = Duration.ofHours(3);
    /// The most running totals remembered (3 h at one report a second).
    static final int MAX_SAMPLES = 3 * 3600;

    /// One bucket: its start and length, and GPUs on average per category ([CategoryLook#ORDER]).
    public record Point(Instant start, Duration length, double[] gpus) {
        public Point {
            gpus = gpus.clone();
        }

        public double gpus(CategoryLook look) {
            return gpus[look.ordinal()];
        }
    }

    private record Sample(Instant time, double[] hours) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();

    /// The bucket length for a window: 10 s under 10 minutes, a minute under [#HOURLY_FROM], an hour after.
    public static Duration bucketFor(Duration window) {
        if (window.compareTo(Duration.ofMinutes(10)) < 0) {
            return Duration.ofSeconds(10);
        }
        return window.compareTo(HOURLY_FROM) < 0 ? Duration.ofMinutes(1) : Duration.ofHours(1);
    }

    /// Remembers `report`'s running totals and returns the points to draw, oldest first.
    public List<Point> update(WasteReport report) {
        Sample newest = new Sample(report.to(), hoursOf(report.fleet()));
        if (samples.isEmpty() || newest.time().isAfter(samples.peekLast().time())) {
            samples.addLast(newest);
            while (samples.size() > MAX_SAMPLES) {
                samples.pollFirst();
            }
        }
        Duration bucket = bucketFor(report.window());
        if (bucket.equals(Duration.ofHours(1))) {
            return hourly(report);
        }
        List<Point> points = fromSamples(bucket);
        // A screen opened on a ledger that has counted a while has no samples of that while:
        // until its own make two buckets, the ledger's hours draw it.
        return points.size() < 2 && bucket.equals(Duration.ofMinutes(1)) ? hourly(report) : points;
    }

    private static List<Point> hourly(WasteReport report) {
        List<Point> points = new ArrayList<>();
        for (WasteReport.Row row : report.trend()) {
            Instant start = Instant.parse(row.key());
            Instant end = start.plus(Duration.ofHours(1));
            // The first and last hours are partly covered: average over the part that is.
            Instant from = start.isBefore(report.from()) ? report.from() : start;
            Instant to = end.isAfter(report.to()) ? report.to() : end;
            points.add(point(start, Duration.between(from, to), hoursOf(row.amounts()), Duration.ofHours(1)));
        }
        return points;
    }

    /// A bucket's hours are the running totals at its last sample less those at the previous
    /// bucket's last sample; the oldest bucket is only the baseline.
    private List<Point> fromSamples(Duration bucket) {
        List<Point> points = new ArrayList<>();
        long bucketMillis = bucket.toMillis();
        Sample endOfPrevious = null;
        Sample endOfThis = null;
        for (Sample sample : samples) {
            if (endOfThis != null && Math.floorDiv(sample.time().toEpochMilli(), bucketMillis)
                    != Math.floorDiv(endOfThis.time().toEpochMilli(), bucketMillis)) {
                if (endOfPrevious != null) {
                    points.add(difference(endOfPrevious, endOfThis, bucket));
                }
                endOfPrevious = endOfThis;
            }
            endOfThis = sample;
        }
        if (endOfPrevious != null) {
            points.add(difference(endOfPrevious, endOfThis, bucket));
        }
        return points;
    }

    private static Point difference(Sample from, Sample to, Duration bucket) {
        double[] hours = new double[from.hours().length];
        for (int i = 0; i < hours.length; i++) {
            hours[i] = to.hours()[i] - from.hours()[i];
        }
        Instant start = Instant.ofEpochMilli(Math.floorDiv(to.time().toEpochMilli(), bucket.toMillis())
                * bucket.toMillis());
        return point(start, Duration.between(from.time(), to.time()), hours, bucket);
    }

    private static Point point(Instant start, Duration covered, double[] hours, Duration bucket) {
        double coveredHours = covered.toNanos() / 3.6e12;
        double[] gpus = new double[hours.length];
        for (int i = 0; i < hours.length; i++) {
            gpus[i] = coveredHours > 0 ? hours[i] / coveredHours : 0;
        }
        return new Point(start, bucket, gpus);
    }

    static double[] hoursOf(WasteAmounts amounts) {
        double[] hours = new double[CategoryLook.ORDER.size()];
        for (CategoryLook look : CategoryLook.ORDER) {
            hours[look.ordinal()] = amounts.hours(look.category());
        }
        return hours;
    }
}
