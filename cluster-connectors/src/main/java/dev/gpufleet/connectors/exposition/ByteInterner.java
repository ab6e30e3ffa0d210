package dev.gpufleet.connectors.exposition;

import java.nio.charset.StandardCharsets;

/// Turns byte ranges into shared `String`s without making a String to look one up.
///
/// A scrape repeats the same label names and values (UUIDs, model names, host names) on
/// every line; interning them makes each distinct text one object, and a parser that keeps
/// its interner across scrapes allocates almost nothing for labels after the first one.
/// The table is bounded: past `maxEntries` or [#MAX_BYTES] of text it starts afresh, so
/// changing pod names cannot grow it forever, and texts over [#MAX_LENGTH] bytes (garbage,
/// not names) are returned without being kept. Not thread-safe: one per parser.
final class ByteInterner {

    static final int MAX_LENGTH = 1024;
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private final ByteTable<String> table;

    ByteInterner(int maxEntries) {
        this(maxEntries, MAX_BYTES);
    }

    ByteInterner(int maxEntries, long maxBytes) {
        this.table = new ByteTable<>(maxEntries, maxBytes);
    }

    String intern(byte[] buffer, int offset, int length) {
        int end = offset + length;
        int hash = ByteTable.hash(buffer, offset, end);
        String known = table.get(buffer, offset, end, hash);
        if (known != null) {
            return known;
        }
        String value = new String(buffer, offset, length, StandardCharsets.UTF_8);
        if (length <= MAX_LENGTH && !table.put(buffer, offset, end, hash, value)) {
            table.clear();
            table.put(buffer, offset, end, hash, value);
        }
        return value;
    }

    int size() {
        return table.size();
    }
}
