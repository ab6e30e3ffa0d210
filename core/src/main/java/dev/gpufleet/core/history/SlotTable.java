package dev.gpufleet.core.history;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Stable slot numbers for GPU keys: a GPU keeps its slot while it has history, and a freed
/// slot is handed to the next new GPU so the arrays stay dense.
final class SlotTable {

    private final Map<GpuKey, Integer> slots = new HashMap<>();
    private @Nullable GpuKey[] keys = new GpuKey[64];
    private int[] free = new int[16];
    private int freeCount;
    private int highWater;

    /// The slot of `key`, or -1.
    int find(GpuKey key) {
        Integer slot = slots.get(key);
        return slot == null ? -1 : slot;
    }

    /// The slot of `key`, assigning one if it has none.
    int acquire(GpuKey key) {
        Integer existing = slots.get(key);
        if (existing != null) {
            return existing;
        }
        int slot = freeCount > 0 ? free[--freeCount] : highWater++;
        if (slot >= keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, slot + 1));
        }
        keys[slot] = key;
        slots.put(key, slot);
        return slot;
    }

    void release(int slot) {
        GpuKey key = keys[slot];
        if (key == null) {
            return;
        }
        slots.remove(key);
        keys[slot] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = slot;
    }

    @Nullable GpuKey key(int slot) {
        return slot >= 0 && slot < highWater ? keys[slot] : null;
    }

    /// One past the highest slot ever assigned: every live slot is below it.
    int highWater() {
        return highWater;
    }

    int size() {
        return slots.size();
    }
}
