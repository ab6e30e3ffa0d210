package dev.gpufleet.connectors.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    private final int maxEntries;
    private int bytes;
    private byte[][] keys;
    private String[] values;
    private int[] hashes;
    private int size;

    ByteInterner(int maxEntries) {
        this.maxEntries = maxEntries;
        allocate(1024);
    }

    String intern(byte[] buffer, int offset, int length) {
        int hash = hash(buffer, offset, length);
        int mask = keys.length - 1;
        int slot = hash & mask;
        byte[] key;
        while ((key = keys[slot]) != null) {
            if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, buffer, offset, offset + length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String value = new String(buffer, offset, length, StandardCharsets.UTF_8);
        if (length > MAX_LENGTH) {
            return value;
        }
        if (size >= maxEntries || bytes + length > MAX_BYTES) {
            allocate(1024);
        }
        bytes += length;
        insert(Arrays.copyOfRange(buffer, offset, offset + length), value, hash);
        return value;
    }

    int size() {
        return size;
    }

    private void insert(byte[] key, String value, int hash) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = hash & mask;
        while (keys[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
        hashes[slot] = hash;
        size++;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        int[] oldHashes = hashes;
        int keptBytes = bytes;
        allocate(oldKeys.length * 2);
        bytes = keptBytes;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i], oldHashes[i]);
            }
        }
    }

    private void allocate(int capacity) {
        keys = new byte[capacity][];
        values = new String[capacity];
        hashes = new int[capacity];
        size = 0;
        bytes = 0;
    }

    private static int hash(byte[] buffer, int offset, int length) {
        int hash = 0x811C9DC5;
        for (int i = offset, end = offset + length; i < end; i++) {
            hash = (hash ^ buffer[i]) * 0x01000193;
        }
        // Spread the high bits down: the table masks off the low ones.
        return hash ^ (hash >>> 16);
    }
}
