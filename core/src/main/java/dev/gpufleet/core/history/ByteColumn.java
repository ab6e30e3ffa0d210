package dev.gpufleet.core.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/// A [Column] of 8-bit codes ([Encoding.Width#BYTE]).
final class ByteColumn extends Column {
    private final Encoding encoding;
    private final byte nan;

    ByteColumn(Encoding encoding, int size) {
        super(size);
        this.encoding = encoding;
        this.nan = (byte) encoding.encode(Double.NaN);
    }

    @Override
    Object newPage(int length) {
        byte[] page = new byte[length];
        Arrays.fill(page, nan);
        return page;
    }

    @Override
    void fill(Object page, int from, int to) {
        Arrays.fill((byte[]) page, from, to, nan);
    }

    @Override
    double read(Object page, int at) {
        return encoding.decode(((byte[]) page)[at] & 0xFF);
    }

    @Override
    void write(Object page, int at, double value) {
        ((byte[]) page)[at] = (byte) encoding.encode(value);
    }

    @Override
    boolean notReported(double value) {
        return (byte) encoding.encode(value) == nan;
    }

    @Override
    boolean reportedAt(Object page, int at) {
        return ((byte[]) page)[at] != nan;
    }

    @Override
    int cellBytes() {
        return 1;
    }

    @Override
    void put(Object page, int at, ByteBuffer out) {
        out.put(page == null ? nan : ((byte[]) page)[at]);
    }

    @Override
    boolean take(int index, ByteBuffer in) {
        byte code = in.get();
        if (code == nan) {
            return false;
        }
        ((byte[]) page(index))[offset(index)] = code;
        return true;
    }

    @Override
    void copyCell(Object source, int sourceAt, Object target, int targetAt) {
        ((byte[]) target)[targetAt] = ((byte[]) source)[sourceAt];
    }
}
