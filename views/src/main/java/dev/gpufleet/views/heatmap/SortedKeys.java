package dev.gpufleet.views.heatmap;

import java.util.Arrays;

/// Sorts the heatmap's node keys (see [TopologyBuilder]: cluster, group rank, sort key, and in
/// the low bits the node's index, so no two keys are equal) for a refresh that moved few nodes.
///
/// A key that equals the previous frame's key at the same index is among the previous frame's
/// sorted keys already, in order; when most keys are such, only the others are sorted and
/// merged in: a tenth of 12,500 nodes re-sorted by a new utilization costs a sort of 1,250.
final class SortedKeys {

    private SortedKeys() {
    }

    /// `keys` in order, as a new array.
    static long[] of(long[] keys) {
        long[] all = keys.clone();
        Arrays.sort(all);
        return all;
    }

    /// `keys` in order, as a new array, given the previous frame's keys by index (`previousKeys`)
    /// and in order (`previousSorted`); `indexMask` picks a key's index out of its low bits.
    static long[] of(long[] keys, long[] previousKeys, long[] previousSorted, int indexMask) {
        long[] changed = new long[keys.length];
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i >= previousKeys.length || keys[i] != previousKeys[i]) {
                changed[count++] = keys[i];
            }
        }
        if (count > keys.length / 4) {
            return of(keys);
        }
        Arrays.sort(changed, 0, count);
        long[] sorted = new long[keys.length];
        int out = 0;
        int next = 0;
        for (long key : previousSorted) {
            int i = (int) (key & indexMask);
            if (i < keys.length && keys[i] == key) {
                while (next < count && changed[next] < key) {
                    sorted[out++] = changed[next++];
                }
                sorted[out++] = key;
            }
        }
        System.arraycopy(changed, next, sorted, out, count - next);
        return sorted;
    }
}
