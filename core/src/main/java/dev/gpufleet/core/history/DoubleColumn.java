package dev.gpufleet.core.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/// A [Column] of `double` values.
final class DoubleColumn extends Column {

    DoubleColumn(int size) {
        super(size);
    }

    @Override
    Object newPage(int length) {
        double[] page = new double[length];
        Arrays.fill(page, Double.NaN);
        return page;
    }

    @Override
    void fill(Object page, int from, int to) {
        Arrays.fill((double[]) page, from, to, Double.NaN);
    }

    @Override
    double read(Object page, int at) {
        return ((double[]) page)[at];
    }

    @Override
    void write(Object page, int at, double value) {
        ((double[]) page)[at] = value;
    }

    @Override
    boolean notReported(double value) {
        return Double.isNaN(value);
    }

    @Override
    boolean reportedAt(Object page, int at) {
        return !Double.isNaN(((double[]) page)[at]);
    }

    @Override
    int cellBytes() {
        return 8;
    }

    @Override
    void put(Object page, int at, ByteBuffer out) {
        out.putDouble(page == null ? Double.NaN : ((double[]) page)[at]);
    }

    @Override
    boolean take(int index, ByteBuffer in) {
        double value = in.getDouble();
        if (Double.isNaN(value)) {
            return false;
        }
        ((double[]) page(index))[offset(index)] = value;
        return true;
    }

    @Override
    void copyCell(Object source, int sourceAt, Object target, int targetAt) {
        ((double[]) target)[targetAt] = ((double[]) source)[sourceAt];
    }
}
