package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/// How many bytes of heap the metric history may use; the retention is derived from it and
/// the fleet size ([#plan]).
///
/// The default, [#DEFAULT_BYTES] (384 MiB), is a quarter of the 1.5 GiB heap the console is
/// meant to need at 100k GPUs: it holds the full 6 h at 10 s for up to about 18,000 GPUs,
/// and at 100k GPUs about 54 min at 10 s plus 6 h of 5-minute means. Set it with the system
/// property [#PROPERTY] (`-Dgpufleet.history.budget=1g`) or `gpufleet --history-budget`.
public record HistoryBudget(long bytes) {

    /// The system property that overrides the default budget: bytes, or a number with `k`,
    /// `m` or `g` (binary units, `MiB` and `GiB` also read).
    public static final String PROPERTY = "gpufleet.history.budget";
    public static final long DEFAULT_BYTES = 384L << 20;
    public static final HistoryBudget DEFAULT = new HistoryBudget(DEFAULT_BYTES);
    /// The least a budget may be: a few thousand GPUs for minutes.
    public static final long MIN_BYTES = 16L << 20;
    /// Coarse bucket lengths tried, in ticks (1, 5, 15, 30, 60 min at 10 s), finest first; each
    /// a multiple of the one before, so a coarser tier can be computed from a finer one.
    static final int[] COARSE_FACTORS = {6, 30, 90, 180, 360};
    /// The coarse tier may take at most this share of the budget.
    static final int COARSE_SHARE_DIVISOR = 4;
    /// The least full-resolution window kept however large the fleet: 6 min at 10 s (a
    /// quarter of the retention when that is shorter).
    static final int MIN_FINE_TICKS = 36;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(k|kb|kib|m|mb|mib|g|gb|gib)?");

    public HistoryBudget {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a history budget must be positive, got " + bytes + " bytes");
        }
    }

    /// Reads `384m`, `1g`, `512MiB`, or plain bytes.
    ///
    /// @throws IllegalArgumentException naming the text and the accepted forms
    public static HistoryBudget parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("history budget '" + text
                    + "' is not a size: write bytes or a number with k, m or g, e.g. 384m or 1g");
        }
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "" : matcher.group(2).substring(0, 1);
        int shift = switch (unit) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (number > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("history budget '" + text + "' is larger than any heap");
        }
        if (number << shift < MIN_BYTES) {
            throw new IllegalArgumentException("history budget '" + text + "' is too small: give at least "
                    + (MIN_BYTES >> 20) + "m");
        }
        return new HistoryBudget(number << shift);
    }

    /// The budget [#PROPERTY] names, or when it is not set [#forHeap] of this JVM's maximum heap
    /// (so `-Xmx768m` alone gives the history 192 MiB instead of running out of memory).
    ///
    /// @throws IllegalArgumentException when the property is set to something that is not a size
    public static HistoryBudget fromSystemProperties() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return forHeap(Runtime.getRuntime().maxMemory());
        }
        try {
            return parse(value);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("-D" + PROPERTY + ": " + bad.getMessage(), bad);
        }
    }

    /// The default for a heap of at most `maxHeapBytes`: a quarter of it, never more than
    /// [#DEFAULT_BYTES] nor less than [#MIN_BYTES].
    public static HistoryBudget forHeap(long maxHeapBytes) {
        long quarter = maxHeapBytes == Long.MAX_VALUE ? DEFAULT_BYTES : maxHeapBytes / 4;
        return new HistoryBudget(Math.clamp(quarter, MIN_BYTES, DEFAULT_BYTES));
    }

    /// Bytes one tick of one GPU takes: every metric's cell width added up (10 by default).
    public static int bytesPerTick(List<Metric> metrics) {
        int bytes = 0;
        for (Metric metric : metrics) {
            bytes += Encoding.of(metric).width().bytes();
        }
        return bytes;
    }

    /// What fits `slots` GPU slots: the whole retention at full resolution when it fits;
    /// otherwise the finest coarse tier that takes at most a quarter of the budget and leaves
    /// at least [#MIN_FINE_TICKS] (and one bucket) of full resolution, with the rest of the
    /// budget for full resolution. A fleet too large for even that gets the smallest such
    /// shape, over budget ([#fits] says so).
    public Retention plan(HistoryConfig config, long slots) {
        return plan(config, slots, 0);
    }

    /// [#plan(HistoryConfig, long)] with buckets of at least `minFactor` ticks: a history that
    /// has averaged into buckets cannot split them again when it grows.
    public Retention plan(HistoryConfig config, long slots, int minFactor) {
        Retention full = Retention.full(config);
        int perTick = bytesPerTick(config.metrics());
        int metrics = config.metrics().size();
        if (minFactor == 0 && fits(full, config, slots)) {
            return full;
        }
        int ticks = config.capacity();
        Retention smallest = full;
        for (int factor : COARSE_FACTORS) {
            if (2 * factor > ticks) {
                break;
            }
            if (factor < minFactor) {
                continue;
            }
            int coarseTicks = Math.ceilDiv(ticks, factor) + 1;
            long coarseBytes = slots * perTick * coarseTicks;
            long fine = (bytes - coarseBytes - slots * 4L * (metrics + 1)) / Math.max(1, slots * perTick);
            int least = Math.max(Math.min(MIN_FINE_TICKS, ticks / 4), factor);
            if (coarseBytes <= bytes / COARSE_SHARE_DIVISOR && fine >= least) {
                return new Retention(config.resolution(), (int) Math.min(fine, ticks), factor, coarseTicks);
            }
            Retention floor = new Retention(config.resolution(), Math.min(least, ticks), factor, coarseTicks);
            if (floor.bytesPerSlot(perTick, metrics) < smallest.bytesPerSlot(perTick, metrics)) {
                smallest = floor;
            }
        }
        return smallest;
    }

    /// Whether `retention` for `slots` slots stays within the budget.
    public boolean fits(Retention retention, HistoryConfig config, long slots) {
        return slots * retention.bytesPerSlot(bytesPerTick(config.metrics()), config.metrics().size()) <= bytes;
    }

    /// `384 MiB`.
    public String describe() {
        return bytes % (1L << 30) == 0 ? (bytes >> 30) + " GiB" : bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB"
                : bytes + " bytes";
    }
}
