package dev.gpufleet.core.history;

import java.util.Arrays;

/// The rings of a block of [FleetHistory#CHUNK_SLOTS] consecutive slots: one column per
/// tracked metric, laid out tick-major (`position * CHUNK_SLOTS + slot`) so that recording a
/// frame and clearing an expired tick both touch contiguous memory; reading one GPU's
/// series strides, which is cheap for the few series a chart shows.
final class HistoryChunk {

    final Column[] columns;
    /// Newest tick each (slot, column) was reported at, as an offset from the history's base
    /// tick (ints halve these marks; 0 means never).
    final int[] lastTick;
    /// Newest tick each slot appeared in a frame at, as the same offset.
    final int[] lastSeen;

    HistoryChunk(Encoding[] encodings, int capacity, int slots) {
        columns = new Column[encodings.length];
        for (int column = 0; column < encodings.length; column++) {
            columns[column] = Column.allocate(encodings[column], capacity * slots);
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

    /// Sets every cell and mark of one slot back to not reported.
    void clearSlot(int slotInChunk, int capacity, int slots) {
        for (Column column : columns) {
            for (int position = 0; position < capacity; position++) {
                column.set(position * slots + slotInChunk, Double.NaN);
            }
        }
        Arrays.fill(lastTick, slotInChunk * columns.length, (slotInChunk + 1) * columns.length, 0);
        lastSeen[slotInChunk] = 0;
    }

    long payloadBytes() {
        long bytes = 4L * lastTick.length + 4L * lastSeen.length;
        for (Column column : columns) {
            bytes += column.payloadBytes();
        }
        return bytes;
    }
}
