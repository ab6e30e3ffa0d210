package dev.gpufleet.core.history;

import java.nio.ByteBuffer;
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

    /// Appends the stored codes, as they are in memory, of cells `start, start + stride, …`
    /// (`count` of them) for the archive; whether any holds a reported value. One call per run keeps the archive's copy off the per-cell
    /// dispatch.
    abstract boolean putRun(int start, int stride, int count, ByteBuffer out);

    /// Reads `count` codes written by [#putRun] into cells `start, start + stride, …`, keeping
    /// only reported values; returns the offset of the last reported one, or -1.
    abstract int takeRun(int start, int stride, int count, ByteBuffer in);

    /// Adds the values reported in cells `start .. start + count` to `sums[0..count)` and counts
    /// them in `reported` (one tight loop per cell type: averaging a bucket reads every cell).
    abstract void addTo(int start, int count, double[] sums, int[] reported);

    /// Copies `count` cells from `source` (a column of the same encoding) starting at
    /// `from` into this one at `to`, codes as they are.
    abstract void copyFrom(Column source, int from, int to, int count);

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
        void copyFrom(Column source, int from, int to, int count) {
            System.arraycopy(((Bytes) source).cells, from, cells, to, count);
        }

        @Override
        void addTo(int start, int count, double[] sums, int[] reported) {
            int nan = encoding.encode(Double.NaN);
            double step = encoding.step();
            for (int i = 0; i < count; i++) {
                int code = cells[start + i] & 0xFF;
                if (code != nan) {
                    sums[i] += code * step;
                    reported[i]++;
                }
            }
        }

        @Override
        long payloadBytes() {
            return cells.length;
        }

        @Override
        boolean putRun(int start, int stride, int count, ByteBuffer out) {
            int nan = encoding.encode(Double.NaN);
            boolean reported = false;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                out.put(cells[index]);
                reported |= (cells[index] & 0xFF) != nan;
            }
            return reported;
        }

        @Override
        int takeRun(int start, int stride, int count, ByteBuffer in) {
            int nan = encoding.encode(Double.NaN);
            int last = -1;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                byte code = in.get();
                if ((code & 0xFF) != nan) {
                    cells[index] = code;
                    last = i;
                }
            }
            return last;
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
        void copyFrom(Column source, int from, int to, int count) {
            System.arraycopy(((Chars) source).cells, from, cells, to, count);
        }

        @Override
        void addTo(int start, int count, double[] sums, int[] reported) {
            int nan = encoding.encode(Double.NaN);
            double step = encoding.step();
            for (int i = 0; i < count; i++) {
                int code = cells[start + i];
                if (code != nan) {
                    sums[i] += code * step;
                    reported[i]++;
                }
            }
        }

        @Override
        long payloadBytes() {
            return 2L * cells.length;
        }

        @Override
        boolean putRun(int start, int stride, int count, ByteBuffer out) {
            int nan = encoding.encode(Double.NaN);
            boolean reported = false;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                out.putChar(cells[index]);
                reported |= cells[index] != nan;
            }
            return reported;
        }

        @Override
        int takeRun(int start, int stride, int count, ByteBuffer in) {
            int nan = encoding.encode(Double.NaN);
            int last = -1;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                char code = in.getChar();
                if (code != nan) {
                    cells[index] = code;
                    last = i;
                }
            }
            return last;
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
        void copyFrom(Column source, int from, int to, int count) {
            System.arraycopy(((Floats) source).cells, from, cells, to, count);
        }

        @Override
        void addTo(int start, int count, double[] sums, int[] reported) {
            for (int i = 0; i < count; i++) {
                float value = cells[start + i];
                if (!Float.isNaN(value)) {
                    sums[i] += value;
                    reported[i]++;
                }
            }
        }

        @Override
        long payloadBytes() {
            return 4L * cells.length;
        }

        @Override
        boolean putRun(int start, int stride, int count, ByteBuffer out) {
            boolean reported = false;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                out.putFloat(cells[index]);
                reported |= !Float.isNaN(cells[index]);
            }
            return reported;
        }

        @Override
        int takeRun(int start, int stride, int count, ByteBuffer in) {
            int last = -1;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                float value = in.getFloat();
                if (!Float.isNaN(value)) {
                    cells[index] = value;
                    last = i;
                }
            }
            return last;
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
        void copyFrom(Column source, int from, int to, int count) {
            System.arraycopy(((Doubles) source).cells, from, cells, to, count);
        }

        @Override
        void addTo(int start, int count, double[] sums, int[] reported) {
            for (int i = 0; i < count; i++) {
                double value = cells[start + i];
                if (!Double.isNaN(value)) {
                    sums[i] += value;
                    reported[i]++;
                }
            }
        }

        @Override
        long payloadBytes() {
            return 8L * cells.length;
        }

        @Override
        boolean putRun(int start, int stride, int count, ByteBuffer out) {
            boolean reported = false;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                out.putDouble(cells[index]);
                reported |= !Double.isNaN(cells[index]);
            }
            return reported;
        }

        @Override
        int takeRun(int start, int stride, int count, ByteBuffer in) {
            int last = -1;
            for (int i = 0, index = start; i < count; i++, index += stride) {
                double value = in.getDouble();
                if (!Double.isNaN(value)) {
                    cells[index] = value;
                    last = i;
                }
            }
            return last;
        }
    }
}
