package dev.gpufleet.core.history;

import java.util.Arrays;

/// The rings of a block of [FleetHistory#CHUNK_SLOTS] consecutive slots: one column per
/// tracked metric, laid out tick-major (`position * CHUNK_SLOTS + slot`) so that recording a
/// frame and clearing an expired tick both touch contiguous memory; reading one GPU's
/// series strides, which is cheap for the few series a chart shows. With a coarse tier, a
/// second set of columns holds its bucket means in the same layout.
final class HistoryChunk {

    final Column[] columns;
    /// The coarse tier's columns (bucket-major like `columns`); empty without a coarse tier.
    final Column[] coarse;
    /// Newest tick each (slot, column) was reported at, as an offset from the history's base
    /// tick (ints halve these marks; 0 means never).
    final int[] lastTick;
    /// Newest tick each slot appeared in a frame at, as the same offset.
    final int[] lastSeen;

    HistoryChunk(Encoding[] encodings, Retention retention, int slots) {
        columns = new Column[encodings.length];
        coarse = new Column[retention.hasCoarseTier() ? encodings.length : 0];
        for (int column = 0; column < encodings.length; column++) {
            columns[column] = Column.allocate(encodings[column], retention.fineTicks() * slots);
            if (retention.hasCoarseTier()) {
                coarse[column] = Column.allocate(encodings[column], retention.coarseTicks() * slots);
            }
        }
        lastTick = new int[slots * encodings.length];
        lastSeen = new int[slots];
    }

    /// Sets every column's cells for ring position `position` to `NaN`.
    void clearPosition(int position, int slots) {
        for (Column column : columns) {
            column.clear(position * slots, (position + 1) * slots);
        }
    }

    /// Sets every coarse cell of bucket position `position` to `NaN`.
    void clearCoarsePosition(int position, int slots) {
        for (Column column : coarse) {
            column.clear(position * slots, (position + 1) * slots);
        }
    }

    /// Sets every cell (of `capacity` fine and `coarseCapacity` coarse positions) and mark of
    /// one slot back to not reported.
    void clearSlot(int slotInChunk, int capacity, int coarseCapacity, int slots) {
        for (Column column : columns) {
            for (int position = 0; position < capacity; position++) {
                column.set(position * slots + slotInChunk, Double.NaN);
            }
        }
        for (Column column : coarse) {
            for (int position = 0; position < coarseCapacity; position++) {
                column.set(position * slots + slotInChunk, Double.NaN);
            }
        }
        Arrays.fill(lastTick, slotInChunk * columns.length, (slotInChunk + 1) * columns.length, 0);
        lastSeen[slotInChunk] = 0;
    }

    /// Writes into coarse position `into`, for every slot and column, the mean of the values
    /// reported at fine positions `positions[0..count)` (`NaN` where none was).
    void downsample(int[] positions, int count, int into, int slots) {
        double[] sums = new double[slots];
        int[] reported = new int[slots];
        for (int column = 0; column < columns.length; column++) {
            Arrays.fill(sums, 0);
            Arrays.fill(reported, 0);
            for (int i = 0; i < count; i++) {
                columns[column].addTo(positions[i] * slots, slots, sums, reported);
            }
            Column target = coarse[column];
            for (int slot = 0; slot < slots; slot++) {
                target.set(into * slots + slot, reported[slot] == 0 ? Double.NaN : sums[slot] / reported[slot]);
            }
        }
    }

    long payloadBytes() {
        long bytes = 4L * lastTick.length + 4L * lastSeen.length;
        for (Column column : columns) {
            bytes += column.payloadBytes();
        }
        for (Column column : coarse) {
            bytes += column.payloadBytes();
        }
        return bytes;
    }
}
