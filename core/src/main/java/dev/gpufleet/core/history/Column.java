package dev.gpufleet.core.history;

import java.util.Arrays;

/// One primitive array of cells in a given [Encoding]; a cell that was never written or
/// was cleared reads `NaN`.
abstract sealed class Column {

    static Column allocate(Encoding encoding, int cells) {
        return switch (encoding.width()) {
            case BYTE -> new Bytes(encoding, cells);
            case CHAR -> new Chars(encoding, cells);
            case FLOAT -> new Floats(cells);
            case DOUBLE -> new Doubles(cells);
        };
    }

    abstract void set(int index, double value);

    abstract double get(int index);

    /// Sets cells `[from, to)` to `NaN`.
    abstract void clear(int from, int to);

    /// Exact bytes of the backing array's elements (array headers not counted).
    abstract long payloadBytes();

    static final class Bytes extends Column {
        private final Encoding encoding;
        private final byte[] cells;

        Bytes(Encoding encoding, int size) {
            this.encoding = encoding;
            this.cells = new byte[size];
            clear(0, size);
        }

        @Override
        void set(int index, double value) {
            cells[index] = (byte) encoding.encode(value);
        }

        @Override
        double get(int index) {
            return encoding.decode(cells[index] & 0xFF);
        }

        @Override
        void clear(int from, int to) {
            Arrays.fill(cells, from, to, (byte) encoding.encode(Double.NaN));
        }

        @Override
        long payloadBytes() {
            return cells.length;
        }
    }

    static final class Chars extends Column {
        private final Encoding encoding;
        private final char[] cells;

        Chars(Encoding encoding, int size) {
            this.encoding = encoding;
            this.cells = new char[size];
            clear(0, size);
        }

        @Override
        void set(int index, double value) {
            cells[index] = (char) encoding.encode(value);
        }

        @Override
        double get(int index) {
            return encoding.decode(cells[index]);
        }

        @Override
        void clear(int from, int to) {
            Arrays.fill(cells, from, to, (char) encoding.encode(Double.NaN));
        }

        @Override
        long payloadBytes() {
            return 2L * cells.length;
        }
    }

    static final class Floats extends Column {
        private final float[] cells;

        Floats(int size) {
            this.cells = new float[size];
            clear(0, size);
        }

        @Override
        void set(int index, double value) {
            cells[index] = (float) value;
        }

        @Override
        double get(int index) {
            return cells[index];
        }

        @Override
        void clear(int from, int to) {
            Arrays.fill(cells, from, to, Float.NaN);
        }

        @Override
        long payloadBytes() {
            return 4L * cells.length;
        }
    }

    static final class Doubles extends Column {
        private final double[] cells;

        Doubles(int size) {
            this.cells = new double[size];
            clear(0, size);
        }

        @Override
        void set(int index, double value) {
            cells[index] = value;
        }

        @Override
        double get(int index) {
            return cells[index];
        }

        @Override
        void clear(int from, int to) {
            Arrays.fill(cells, from, to, Double.NaN);
        }

        @Override
        long payloadBytes() {
            return 8L * cells.length;
        }
    }
}
