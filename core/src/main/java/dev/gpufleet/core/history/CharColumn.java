package dev.gpufleet.core.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/// A [Column] of 16-bit codes ([Encoding.Width#CHAR]).
final class CharColumn extends Column {
    private final Encoding encoding;
    private final char nan;

    CharColumn(Encoding encoding, int size) {
        super(size);
        this.encoding = encoding;
        this.nan = (char) encoding.encode(Double.NaN);
    }

    @Override
    Object newPage(int length) {
        char[] page = new char[length];
        Arrays.fill(page, nan);
        return page;
    }

    @Override
    void fill(Object page, int from, int to) {
        Arrays.fill((char[]) page, from, to, nan);
    }

    @Override
    double read(Object page, int at) {
        return encoding.decode(((char[]) page)[at]);
    }

    @Override
    void write(Object page, int at, double value) {
        ((char[]) page)[at] = (char) encoding.encode(value);
    }

    @Override
    boolean notReported(double value) {
        return (char) encoding.encode(value) == nan;
    }

    @Override
    boolean reportedAt(Object page, int at) {
        return ((char[]) page)[at] != nan;
    }

    @Override
    int cellBytes() {
        return 2;
    }

    @Override
    void put(Object page, int at, ByteBuffer out) {
        out.putChar(page == null ? nan : ((char[]) page)[at]);
    }

    @Override
    boolean take(int index, ByteBuffer in) {
        char code = in.getChar();
        if (code == nan) {
            return false;
        }
        ((char[]) page(index))[offset(index)] = code;
        return true;
    }

    @Override
    void copyCell(Object source, int sourceAt, Object target, int targetAt) {
        ((char[]) target)[targetAt] = ((char[]) source)[sourceAt];
    }
}
