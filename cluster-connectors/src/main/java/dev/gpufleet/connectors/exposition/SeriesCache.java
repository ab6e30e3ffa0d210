package dev.gpufleet.connectors.exposition;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// What a parser remembers about series between lines and between scrapes.
///
/// An exporter prints the same `name{labels}` bytes scrape after scrape, and the same label
/// block for every family of a GPU. Keyed by those raw bytes, a line seen before costs a hash
/// and a compare, and yields the very same [Labels] object (so nothing is allocated for it).
/// Each distinct series — name plus labels ordered by name, so `{a,b}` and `{b,a}` are one —
/// gets a small integer id, which the parser uses to find repeated series without hashing
/// objects. Only lines that parsed cleanly are remembered, so a hit means exactly what a fresh
/// parse would. Bounded: the byte tables stop taking entries when full, and everything is
/// forgotten at the start of the next parse once any limit was reached — or once the cache
/// holds far more series than the parses since it was last cleared used
/// ([#RETAINED_FLOOR] plus twice the most one parse touched). Series whose labels changed (a pod
/// on the GPU replaced, under churn) and the series of other nodes a pooled parser read once
/// would otherwise pile up until the caps, some 20 MB per parser (found by the soak run).
final class SeriesCache {

    private static final int MAX_ENTRIES = 64 * 1024;
    /// Per table: about 28k dcgm-exporter series of ~300 bytes, some 85 eight-GPU nodes.
    static final long MAX_KEY_BYTES = 8L * 1024 * 1024;
    private static final int MAX_SERIES = 256 * 1024;
    /// Entries kept beyond twice what one parse touched: about three eight-GPU nodes' series
    /// (a pooled parser reads the same two or three nodes in turn).
    static final int RETAINED_FLOOR = 1_024;

    /// A series as the text named it: interned name, labels in text order, and its id.
    record Series(String name, Labels labels, int id) {
    }

    private record SeriesKey(String name, Labels sortedLabels) {
    }

    private final ByteTable<Series> byPrefix;
    private final ByteTable<Labels> byLabelBlock;
    private final Map<SeriesKey, Integer> ids = new HashMap<>();
    private final int maxSeries;
    private int touched;
    private int mostTouched;

    /// A cache of the default size: [#MAX_KEY_BYTES] of text per table.
    SeriesCache() {
        this(MAX_KEY_BYTES);
    }

    /// A cache whose byte tables hold up to `keyBytes` of text each; entries and series ids
    /// are bounded in proportion.
    SeriesCache(long keyBytes) {
        double share = (double) keyBytes / MAX_KEY_BYTES;
        int entries = (int) Math.max(1_024, Math.min(MAX_ENTRIES, MAX_ENTRIES * share));
        this.byPrefix = new ByteTable<>(entries, keyBytes);
        this.byLabelBlock = new ByteTable<>(entries, keyBytes);
        this.maxSeries = (int) Math.max(4_096, Math.min(MAX_SERIES, MAX_SERIES * share));
    }

    /// Called before each parse: series ids stay fixed during one parse, so this is the only
    /// moment the cache may forget.
    void startParse() {
        mostTouched = Math.max(mostTouched, touched);
        touched = 0;
        boolean stale = byPrefix.size() > 2L * mostTouched + RETAINED_FLOOR;
        if (stale || byPrefix.isFull() || byLabelBlock.isFull() || ids.size() > maxSeries) {
            byPrefix.clear();
            byLabelBlock.clear();
            ids.clear();
            mostTouched = 0;
        }
    }

    /// Series the cache remembers now.
    int size() {
        return byPrefix.size();
    }

    /// How many ids have been handed out; every id is below this.
    int seriesCount() {
        return ids.size();
    }

    @Nullable Series find(byte[] text, int from, int to, int hash) {
        Series found = byPrefix.get(text, from, to, hash);
        if (found != null) {
            touched++;
        }
        return found;
    }

    /// Records that `text[from, to)` (hash `hash`) names the series `name` + `labels`.
    Series remember(byte[] text, int from, int to, int hash, String name, Labels labels) {
        Series series = new Series(name, labels, idOf(name, labels));
        byPrefix.put(text, from, to, hash, series);
        touched++;
        return series;
    }

    int idOf(String name, Labels labels) {
        SeriesKey key = new SeriesKey(name, labels.sortedByName());
        Integer id = ids.get(key);
        if (id == null) {
            id = ids.size();
            ids.put(key, id);
        }
        return id;
    }

    /// The labels a `{…}` block `text[from, to)` read as before, or `null`.
    @Nullable Labels labels(byte[] text, int from, int to) {
        return byLabelBlock.get(text, from, to, ByteTable.hash(text, from, to));
    }

    void rememberLabels(byte[] text, int from, int to, Labels labels) {
        byLabelBlock.put(text, from, to, ByteTable.hash(text, from, to), labels);
    }
}
