package dev.gpufleet.core.history;

import java.nio.ByteBuffer;

/// The cells of one metric's ring in a given [Encoding]; a cell that was never written or was
/// cleared reads `NaN`.
///
/// The cells live in pages of [#PAGE_CELLS] (with the rings laid out tick-major, a page is a
/// run of ticks), and a page is made the first time a reported value is written into it. A
/// fleet's rings therefore fill as time passes instead of all at once: when a 100,000-GPU fleet's
/// first telemetry landed, allocating every ring whole (384 MiB of long-lived arrays in one
/// burst) made the collector copy them out of the young generation in pauses of half a second
/// that froze the window. Writing `NaN` into a missing page, clearing one, or reading one makes
/// nothing. Subclasses hold one primitive array per page.
abstract sealed class Column permits ByteColumn, CharColumn, FloatColumn, DoubleColumn {

    /// Cells per page (a power of two): 64 ticks of a 256-slot chunk.
    static final int PAGE_SHIFT = 14;
    static final int PAGE_CELLS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_CELLS - 1;

    private final int cells;
    private final Object[] pages;

    Column(int cells) {
        this.cells = cells;
        this.pages = new Object[Math.ceilDiv(cells, PAGE_CELLS)];
    }

    static Column allocate(Encoding encoding, int cells) {
        return switch (encoding.width()) {
            case BYTE -> new ByteColumn(encoding, cells);
            case CHAR -> new CharColumn(encoding, cells);
            case FLOAT -> new FloatColumn(cells);
            case DOUBLE -> new DoubleColumn(cells);
        };
    }

    /// A page of `length` cells, all not reported.
    abstract Object newPage(int length);

    /// Sets cells `[from, to)` of `page` to not reported.
    abstract void fill(Object page, int from, int to);

    abstract double read(Object page, int at);

    abstract void write(Object page, int at, double value);

    /// Whether `value` is stored as "not reported" (so writing it into a missing page needs none).
    abstract boolean notReported(double value);

    /// Whether the cell holds a reported value.
    abstract boolean reportedAt(Object page, int at);

    /// Bytes one cell takes.
    abstract int cellBytes();

    /// Appends the cell's stored code, as it is in memory, to `out`; or the not-reported code
    /// for a missing page (`page == null`).
    abstract void put(Object page, int at, ByteBuffer out);

    /// Reads one stored code from `in`; writes it into the cell if it is a reported value.
    /// Returns whether it was.
    abstract boolean take(int index, ByteBuffer in);

    /// Copies the cell's stored code from `source` (of the same type) as it is.
    abstract void copyCell(Object source, int sourceAt, Object target, int targetAt);

    /// The page holding cell `index`, made if missing.
    final Object page(int index) {
        int number = index >>> PAGE_SHIFT;
        Object page = pages[number];
        if (page == null) {
            page = newPage(Math.min(PAGE_CELLS, cells - (number << PAGE_SHIFT)));
            pages[number] = page;
        }
        return page;
    }

    private Object existingPage(int index) {
        return pages[index >>> PAGE_SHIFT];
    }

    static int offset(int index) {
        return index & PAGE_MASK;
    }

    void set(int index, double value) {
        Object page = existingPage(index);
        if (page == null) {
            if (notReported(value)) {
                return;
            }
            page = page(index);
        }
        write(page, offset(index), value);
    }

    double get(int index) {
        Object page = existingPage(index);
        return page == null ? Double.NaN : read(page, offset(index));
    }

    /// Sets cells `[from, to)` to `NaN`.
    void clear(int from, int to) {
        int index = from;
        while (index < to) {
            int pageEnd = Math.min(to, ((index >>> PAGE_SHIFT) + 1) << PAGE_SHIFT);
            Object page = existingPage(index);
            if (page != null) {
                fill(page, offset(index), offset(index) + (pageEnd - index));
            }
            index = pageEnd;
        }
    }

    /// Exact bytes of the pages made so far (array headers not counted).
    long payloadBytes() {
        long bytes = 0;
        for (int number = 0; number < pages.length; number++) {
            if (pages[number] != null) {
                bytes += (long) Math.min(PAGE_CELLS, cells - (number << PAGE_SHIFT)) * cellBytes();
            }
        }
        return bytes;
    }

    /// Appends the stored codes, as they are in memory, of cells `start, start + stride, …`
    /// (`count` of them) for the archive; whether any holds a reported value. One call per run
    /// keeps the archive's copy off the per-cell dispatch.
    boolean putRun(int start, int stride, int count, ByteBuffer out) {
        boolean reported = false;
        for (int i = 0, index = start; i < count; i++, index += stride) {
            Object page = existingPage(index);
            put(page, offset(index), out);
            reported |= page != null && reportedAt(page, offset(index));
        }
        return reported;
    }

    /// Reads `count` codes written by [#putRun] into cells `start, start + stride, …`, keeping
    /// only reported values; returns the offset of the last reported one, or -1.
    int takeRun(int start, int stride, int count, ByteBuffer in) {
        int last = -1;
        for (int i = 0, index = start; i < count; i++, index += stride) {
            if (take(index, in)) {
                last = i;
            }
        }
        return last;
    }

    /// Adds the values reported in cells `start .. start + count` to `sums[0..count)` and counts
    /// them in `reported` (averaging a bucket reads every cell).
    void addTo(int start, int count, double[] sums, int[] reported) {
        for (int i = 0; i < count; i++) {
            Object page = existingPage(start + i);
            if (page != null && reportedAt(page, offset(start + i))) {
                sums[i] += read(page, offset(start + i));
                reported[i]++;
            }
        }
    }

    /// Copies `count` cells from `source` (a column of the same encoding) starting at
    /// `from` into this one at `to`, codes as they are.
    void copyFrom(Column source, int from, int to, int count) {
        for (int i = 0; i < count; i++) {
            Object sourcePage = source.existingPage(from + i);
            Object targetPage = existingPage(to + i);
            if (sourcePage == null || !source.reportedAt(sourcePage, offset(from + i))) {
                if (targetPage != null) {
                    fill(targetPage, offset(to + i), offset(to + i) + 1);
                }
            } else {
                copyCell(sourcePage, offset(from + i), page(to + i), offset(to + i));
            }
        }
    }
}
