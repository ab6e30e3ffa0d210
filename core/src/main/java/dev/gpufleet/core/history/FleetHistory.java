package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import dev.gpufleet.core.telemetry.NodeTelemetry;
import dev.gpufleet.core.telemetry.TelemetryFrame;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The fleet's recent metric history: per GPU slot and tracked metric, a ring of samples at a
/// fixed resolution, held in primitive arrays (no object per sample).
///
/// Time is a shared tick index: tick `t` covers `[t × resolution, (t+1) × resolution)` since
/// the epoch, and its cell sits at ring position `t mod capacity` for every GPU. When the
/// newest tick advances, the positions it passes are cleared for all GPUs at once, so a GPU
/// that missed a tick reads `NaN` there, never an old lap's value. Several frames in one tick
/// (several clusters, or a quick rescrape) merge; the last reported value wins.
///
/// A GPU gets a slot by its [GpuKey] on first sight and keeps it while it has history; the
/// slot is freed when its newest sample leaves the window, or at once by [#forget(GpuKey)]
/// (node deleted, cluster removed), and is then reused for another GPU.
///
/// The rings fit the config's [HistoryBudget]: as GPUs appear, [#retention()] is planned again
/// for the slots in use (with a quarter more for growth) and the rings are re-laid for it
/// ([RingResize]): a large fleet keeps full resolution for a shorter recent window and, for
/// the rest of the retention, a coarse tier of bucket means, averaged from the fine ring as
/// ticks leave it. [#valueAt] answers from the fine ring where it reaches, else from the coarse
/// bucket the tick falls in; what neither holds is not retained ([#retains(long)]) and reads
/// `NaN`. Frames older than the fine ring are dropped, not merged into the coarse tier.
///
/// Not thread-safe for writing: one writer (the fleet store's thread) calls the `record` and
/// `forget` methods. Reads on other threads see each cell either before or after a concurrent
/// write, and a reader that must not mix GPUs checks [#keyOf(int)] after reading; the fleet
/// store avoids both by running history queries on its writer thread.
public final class FleetHistory implements HistoryReader {

    /// The tick of "never": older than every real tick.
    public static final long NO_TICK = Long.MIN_VALUE;
    static final int CHUNK_SLOTS = 256;
    private static final int CHUNK_SHIFT = Integer.numberOfTrailingZeros(CHUNK_SLOTS);
    private static final Logger LOG = LoggerFactory.getLogger(FleetHistory.class);

    private final HistoryConfig config;
    private final Encoding[] encodings;
    private final int[] columnOf;
    private final RingBudget ringBudget;
    private Tiers tiers;
    /// Ticks in the fine ring (`tiers.fineTicks`, kept at hand for the hot paths).
    private int capacity;
    private int allocatedChunks;
    private final long resolutionMillis;
    private final SlotTable slots = new SlotTable();
    private HistoryChunk[] chunks = new HistoryChunk[4];
    private volatile long head = NO_TICK;
    /// Ticks are marked as `int` offsets from here: 2^31 ticks is 68 years at 1 s.
    private long base = NO_TICK;
    private volatile long firstTick = NO_TICK;

    public FleetHistory(HistoryConfig config) {
        this.config = config;
        this.ringBudget = new RingBudget(config, CHUNK_SLOTS);
        this.tiers = new Tiers(Retention.full(config), NO_TICK);
        this.capacity = tiers.fineTicks;
        this.resolutionMillis = config.resolutionMillis();
        this.encodings = new Encoding[config.metrics().size()];
        this.columnOf = new int[Metric.count()];
        Arrays.fill(columnOf, -1);
        for (int column = 0; column < encodings.length; column++) {
            Metric metric = config.metrics().get(column);
            encodings[column] = Encoding.of(metric);
            columnOf[metric.ordinal()] = column;
        }
    }

    /// History with [HistoryConfig#defaults()].
    public FleetHistory() {
        this(HistoryConfig.defaults());
    }

    @Override
    public HistoryConfig config() {
        return config;
    }

    /// What the rings keep now: full resolution for the whole retention, or for a recent
    /// window plus a coarse tier, as the budget allows for the GPUs seen so far.
    @Override
    public Retention retention() {
        return tiers.retention;
    }

    @Override
    public boolean tracks(Metric metric) {
        return columnOf[metric.ordinal()] >= 0;
    }

    /// The tick `time` falls in.
    @Override
    public long tickOf(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), resolutionMillis);
    }

    /// The start of tick `tick`.
    @Override
    public Instant timeOf(long tick) {
        return Instant.ofEpochMilli(tick * resolutionMillis);
    }

    /// The newest tick recorded, or [#NO_TICK] before the first frame.
    @Override
    public long newestTick() {
        return head;
    }

    /// The oldest tick still held at full resolution, or [#NO_TICK] before the first frame.
    @Override
    public long oldestTick() {
        long newest = head;
        return newest == NO_TICK ? NO_TICK : newest - capacity + 1;
    }

    /// The oldest tick any tier holds (the coarse tier's oldest bucket start, when it reaches
    /// further than the fine ring), or [#NO_TICK] before the first frame.
    @Override
    public long oldestRetainedTick() {
        long fine = oldestTick();
        long coarse = tiers.coarseOldestTick();
        return fine == NO_TICK || coarse == NO_TICK ? fine : Math.min(fine, coarse);
    }

    @Override
    public boolean retains(long tick) {
        long newest = head;
        return newest != NO_TICK && tick <= newest && tick >= oldestRetainedTick();
    }

    @Override
    public long oldestRecordedTick() {
        long first = firstTick;
        return first == NO_TICK ? NO_TICK : Math.max(first, oldestRetainedTick());
    }

    /// Records every GPU of `frame` at the tick of the frame's time. A frame older than the
    /// window is dropped; a newer one moves the window forward.
    public void record(TelemetryFrame frame) {
        long tick = tickOf(frame.time());
        if (!enterTick(tick)) {
            LOG.debug("Dropped a telemetry frame of {} from {}: outside the history window",
                    frame.cluster(), frame.time());
            return;
        }
        reserveFor(frame);
        for (NodeTelemetry node : frame.nodes()) {
            for (GpuSample gpu : node.gpus()) {
                int slot = slots.acquire(GpuKey.of(frame.cluster(), node.node(), gpu));
                write(slot, tick, gpu.values());
                recordMigUtilization(slot, gpu, tick);
            }
        }
    }

    /// A frame with more GPUs than the history knows brings at least that many new ones: the
    /// rings are sized for them at once (a fleet's first frame re-lays them once, for its size).
    private void reserveFor(TelemetryFrame frame) {
        int gpus = 0;
        for (NodeTelemetry node : frame.nodes()) {
            gpus += node.gpus().size();
        }
        if (gpus > slots.size()) {
            reserve(gpus - slots.size());
        }
    }

    /// A MIG card reports no whole-GPU utilization; its ring holds the instance mean instead, as
    /// the heatmap shows it ([MigSample#meanUtilizationPercent]), so a replay colours it too.
    private void recordMigUtilization(int slot, GpuSample gpu, long tick) {
        int column = columnOf[Metric.GPU_UTIL.ordinal()];
        if (column < 0 || gpu.mig().isEmpty() || gpu.values().isReported(Metric.GPU_UTIL)) {
            return;
        }
        double mean = MigSample.meanUtilizationPercent(gpu.mig());
        if (!Double.isNaN(mean)) {
            HistoryChunk chunk = chunk(slot);
            chunk.columns[column].set(cell(slot, tick), mean);
            int at = (slot & (CHUNK_SLOTS - 1)) * encodings.length + column;
            chunk.lastTick[at] = Math.max(chunk.lastTick[at], (int) (tick - base));
        }
    }

    /// Records one GPU's values at `time` (for sources that do not produce frames, and tests).
    public void record(GpuKey key, Instant time, MetricValues values) {
        long tick = tickOf(time);
        if (enterTick(tick)) {
            write(slots.acquire(key), tick, values);
        }
    }

    /// Frees `key`'s slot and its history now, e.g. when its node was deleted.
    public void forget(GpuKey key) {
        int slot = slots.find(key);
        if (slot >= 0) {
            chunk(slot).clearSlot(slot & (CHUNK_SLOTS - 1), capacity, tiers.coarseTicks, CHUNK_SLOTS);
            slots.release(slot);
        }
    }

    /// Forgets every GPU of `node` in `cluster`.
    public void forgetNode(String cluster, String node) {
        forgetWhere(key -> key.cluster().equals(cluster) && key.node().equals(node));
    }

    /// Forgets every GPU of `cluster`.
    public void forgetCluster(String cluster) {
        forgetWhere(key -> key.cluster().equals(cluster));
    }

    /// The slot `key` has, or -1 when it has no history.
    @Override
    public int slotOf(GpuKey key) {
        return slots.find(key);
    }

    /// The GPU in `slot` now, if any.
    @Override
    public Optional<GpuKey> keyOf(int slot) {
        return Optional.ofNullable(slots.key(slot));
    }

    /// How many GPUs have history.
    @Override
    public int gpuCount() {
        return slots.size();
    }

    /// The value of `metric` for `slot` at `tick`: from the fine ring where it reaches, else
    /// the mean of the coarse bucket `tick` falls in; `NaN` when not reported, not tracked, or
    /// not retained.
    @Override
    public double valueAt(int slot, Metric metric, long tick) {
        int column = columnOf[metric.ordinal()];
        long newest = head;
        if (column < 0 || !holds(slot) || newest == NO_TICK || tick > newest) {
            return Double.NaN;
        }
        if (tick > newest - capacity) {
            return chunk(slot).columns[column].get(cell(slot, tick));
        }
        long bucket = tiers.factor == 0 ? NO_TICK : tiers.bucketOf(tick);
        if (bucket == NO_TICK || !tiers.coarseHolds(bucket)) {
            return Double.NaN;
        }
        return chunk(slot).coarse[column].get(tiers.coarsePosition(bucket) * CHUNK_SLOTS + (slot & (CHUNK_SLOTS - 1)));
    }

    /// The newest tick `metric` was reported at for `slot`, or [#NO_TICK].
    @Override
    public long lastReportedTick(int slot, Metric metric) {
        int column = columnOf[metric.ordinal()];
        if (column < 0 || !holds(slot)) {
            return NO_TICK;
        }
        return tickAt(chunk(slot).lastTick[(slot & (CHUNK_SLOTS - 1)) * encodings.length + column]);
    }

    /// Exact bytes of the primitive arrays behind the rings and their marks (array headers and
    /// the key table not counted).
    public long retainedBytes() {
        long bytes = 0;
        for (HistoryChunk chunk : chunks) {
            bytes += chunk == null ? 0 : chunk.payloadBytes();
        }
        return bytes;
    }

    /// Moves the window so `tick` is in it; false when `tick` is older than the window.
    private boolean enterTick(long tick) {
        long newest = head;
        if (newest != NO_TICK && tick <= newest - capacity) {
            return false;
        }
        if (newest == NO_TICK) {
            // Room below for the whole retention, whatever the rings' shape becomes.
            base = tick - config.capacity() - 1;
        } else if (tick - base >= Integer.MAX_VALUE) {
            LOG.warn("Ignored telemetry stamped {}: decades after this history began", timeOf(tick));
            return false;
        }
        if (newest == NO_TICK || tick > newest) {
            advance(newest, tick);
        }
        if (firstTick == NO_TICK || tick < firstTick) {
            firstTick = tick;
        }
        return true;
    }

    private void advance(long newest, long tick) {
        if (newest != NO_TICK) {
            tiers.downsampleLeaving(chunks, newest - capacity + 1, Math.min(tick - capacity, newest), newest,
                    CHUNK_SLOTS);
            long steps = Math.min(tick - newest, capacity);
            for (long t = tick - steps + 1; t <= tick; t++) {
                int position = (int) Math.floorMod(t, (long) capacity);
                for (HistoryChunk chunk : chunks) {
                    if (chunk != null) {
                        chunk.clearPosition(position, CHUNK_SLOTS);
                    }
                }
            }
        }
        head = tick;
        releaseExpired(oldestRetainedTick() - 1);
    }

    /// Frees slots whose newest sample is at or before `expiredTick`; their cells have
    /// already been cleared as the window passed them.
    private void releaseExpired(long expiredTick) {
        for (int slot = 0; slot < slots.highWater(); slot++) {
            if (slots.key(slot) != null && tickAt(chunk(slot).lastSeen[slot & (CHUNK_SLOTS - 1)]) <= expiredTick) {
                chunk(slot).clearSlot(slot & (CHUNK_SLOTS - 1), 0, 0, CHUNK_SLOTS);
                slots.release(slot);
            }
        }
    }

    private void write(int slot, long tick, MetricValues values) {
        HistoryChunk chunk = ensureChunk(slot);
        int inChunk = slot & (CHUNK_SLOTS - 1);
        int index = cell(slot, tick);
        int columns = encodings.length;
        int mark = (int) (tick - base);
        for (int column = 0; column < columns; column++) {
            double value = values.get(config.metrics().get(column));
            if (!Double.isNaN(value)) {
                chunk.columns[column].set(index, value);
                int at = inChunk * columns + column;
                chunk.lastTick[at] = Math.max(chunk.lastTick[at], mark);
            }
        }
        chunk.lastSeen[inChunk] = Math.max(chunk.lastSeen[inChunk], mark);
    }

    private void forgetWhere(Predicate<GpuKey> doomed) {
        for (int slot = 0; slot < slots.highWater(); slot++) {
            GpuKey key = slots.key(slot);
            if (key != null && doomed.test(key)) {
                forget(key);
            }
        }
    }

    private long tickAt(int mark) {
        return mark == 0 ? NO_TICK : base + mark;
    }

    private int cell(int slot, long tick) {
        return (int) Math.floorMod(tick, (long) capacity) * CHUNK_SLOTS + (slot & (CHUNK_SLOTS - 1));
    }

    private boolean holds(int slot) {
        return slots.key(slot) != null;
    }

    private HistoryChunk chunk(int slot) {
        return chunks[slot >>> CHUNK_SHIFT];
    }

    private HistoryChunk ensureChunk(int slot) {
        int index = slot >>> CHUNK_SHIFT;
        if (index >= chunks.length) {
            chunks = Arrays.copyOf(chunks, Math.max(chunks.length * 2, index + 1));
        }
        if (chunks[index] == null) {
            fitBudget(allocatedChunks + 1, 5);
            chunks[index] = new HistoryChunk(encodings, tiers.retention, CHUNK_SLOTS);
            allocatedChunks++;
        }
        return chunks[index];
    }

    /// Re-lays the rings when `chunkCount` chunks of their shape would exceed the budget
    /// ([RingBudget#replan]).
    private void fitBudget(int chunkCount, int quarters) {
        Retention planned = ringBudget.replan(tiers.retention, chunkCount, quarters);
        if (planned != null) {
            long started = System.nanoTime();
            tiers = RingResize.resize(chunks, encodings, tiers, planned, head, oldestRecordedTick(), CHUNK_SLOTS);
            capacity = tiers.fineTicks;
            LOG.info("Metric history for up to {} GPUs now keeps {} within {} (re-laid in {} ms)",
                    (long) chunkCount * CHUNK_SLOTS, planned.describe(), config.budget().describe(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    // --- For HistoryArchive: raw cells as they are in memory, no decode/encode round trip.

    Encoding encoding(int column) {
        return encodings[column];
    }

    /// One past the highest slot in use, for walking every GPU.
    int slotLimit() {
        return slots.highWater();
    }

    /// The newest tick `slot` appeared at, or [#NO_TICK].
    long lastSeenTick(int slot) {
        return holds(slot) ? tickAt(chunk(slot).lastSeen[slot & (CHUNK_SLOTS - 1)]) : NO_TICK;
    }

    /// Appends `slot`'s stored codes of `column` for ticks `from..to` (inside the window), in
    /// tick order; whether any is reported.
    boolean copyCells(int slot, int column, long from, long to, ByteBuffer out) {
        Column cells = chunk(slot).columns[column];
        int start = cell(slot, from);
        int position = (int) Math.floorMod(from, (long) capacity);
        int count = (int) (to - from + 1);
        int beforeWrap = Math.min(count, capacity - position);
        boolean reported = cells.putRun(start, CHUNK_SLOTS, beforeWrap, out);
        if (beforeWrap < count) {
            reported |= cells.putRun(slot & (CHUNK_SLOTS - 1), CHUNK_SLOTS, count - beforeWrap, out);
        }
        return reported;
    }

    /// Moves the window so archived ticks up to `last` fit, as a frame at `last` would; the
    /// ticks from `first` count as recorded.
    boolean enterArchivedTicks(long first, long last) {
        if (!enterTick(last)) {
            return false;
        }
        firstTick = Math.min(firstTick, Math.max(first, oldestTick()));
        return true;
    }

    /// Re-lays the rings now if `moreGpus` GPUs beyond those known would not fit them, so a
    /// restore sizes its pieces to the rings it will end with.
    void reserve(int moreGpus) {
        fitBudget(Math.max(allocatedChunks, Math.ceilDiv(slots.size() + moreGpus, CHUNK_SLOTS)), 4);
    }

    /// The slot for an archived GPU (assigned if new), with its arrays allocated.
    int acquireSlot(GpuKey key) {
        int slot = slots.acquire(key);
        ensureChunk(slot);
        return slot;
    }

    /// Restores archived codes of `column` for ticks `from..to` (already entered), in tick
    /// order; whether any was reported.
    boolean restoreCells(int slot, int column, long from, long to, ByteBuffer in) {
        HistoryChunk chunk = chunk(slot);
        Column cells = chunk.columns[column];
        int count = (int) (to - from + 1);
        int beforeWrap = Math.min(count, capacity - (int) Math.floorMod(from, (long) capacity));
        int last = cells.takeRun(cell(slot, from), CHUNK_SLOTS, beforeWrap, in);
        if (beforeWrap < count) {
            int wrapped = cells.takeRun(slot & (CHUNK_SLOTS - 1), CHUNK_SLOTS, count - beforeWrap, in);
            last = wrapped >= 0 ? beforeWrap + wrapped : last;
        }
        if (last < 0) {
            return false;
        }
        int inChunk = slot & (CHUNK_SLOTS - 1);
        int mark = (int) (from + last - base);
        int at = inChunk * encodings.length + column;
        chunk.lastTick[at] = Math.max(chunk.lastTick[at], mark);
        chunk.lastSeen[inChunk] = Math.max(chunk.lastSeen[inChunk], mark);
        return true;
    }
}
