package dev.gpufleet.connectors.exposition;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/// A bounded hash table from byte ranges to values, looked up without copying the range.
///
/// The parser keys it with the raw bytes of a line's series (`name{labels}`) or label block,
/// so a line it has seen before — on an earlier line or in an earlier scrape — is recognised
/// by one hash and one vectorised compare instead of being parsed again. It refuses new
/// entries once `maxEntries` or `maxKeyBytes` is reached (the owner decides when to clear),
/// so garbage or an ever-changing label cannot grow it without bound. Not thread-safe.
final class ByteTable<V> {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long MIX = 0x9E3779B97F4A7C15L;
    private static final int INITIAL_CAPACITY = 256;

    private final int maxEntries;
    private final long maxKeyBytes;
    private byte[][] keys = new byte[0][];
    private Object[] values = new Object[0];
    private int[] hashes = new int[0];
    private int size;
    private long keyBytes;

    ByteTable(int maxEntries, long maxKeyBytes) {
        this.maxEntries = maxEntries;
        this.maxKeyBytes = maxKeyBytes;
        clear();
    }

    /// The value stored for `text[from, to)` (whose [#hash] is `hash`), or `null`.
    @SuppressWarnings("unchecked")
    @Nullable V get(byte[] text, int from, int to, int hash) {
        int mask = keys.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] key = keys[slot];
            if (key == null) {
                return null;
            }
            if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, text, from, to)) {
                return (V) values[slot];
            }
        }
    }

    /// Stores a copy of the range with `value`; `false` (and nothing stored) when full.
    boolean put(byte[] text, int from, int to, int hash, V value) {
        if (isFull() || keyBytes + (to - from) > maxKeyBytes) {
            return false;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(Arrays.copyOfRange(text, from, to), value, hash);
        keyBytes += to - from;
        return true;
    }

    boolean isFull() {
        return size >= maxEntries || keyBytes >= maxKeyBytes;
    }

    int size() {
        return size;
    }

    void clear() {
        keys = new byte[INITIAL_CAPACITY][];
        values = new Object[INITIAL_CAPACITY];
        hashes = new int[INITIAL_CAPACITY];
        size = 0;
        keyBytes = 0;
    }

    /// A hash of `text[from, to)` read eight bytes at a time.
    static int hash(byte[] text, int from, int to) {
        long hash = (to - from) * MIX;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            hash = Long.rotateLeft(hash ^ (long) LONGS.get(text, i) * MIX, 29) * MIX;
        }
        for (; i < to; i++) {
            hash = Long.rotateLeft(hash ^ text[i] * MIX, 29) * MIX;
        }
        hash ^= hash >>> 32;
        return (int) (hash ^ (hash >>> 16));
    }

    private void insert(byte[] key, Object value, int hash) {
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
        Object[] oldValues = values;
        int[] oldHashes = hashes;
        keys = new byte[oldKeys.length * 2][];
        values = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                insert(oldKeys[i], oldValues[i], oldHashes[i]);
            }
        }
    }
}
