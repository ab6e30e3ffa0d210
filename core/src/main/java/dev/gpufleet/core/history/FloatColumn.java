package dev.gpufleet.core.history;

import java.nio.ByteBuffer;
import java.util.Arrays;

/// A [Column] of `float` values.
final class FloatColumn extends Column {

    FloatColumn(int size) {
        super(size);
    }

    @Override
    Object newPage(int length) {
        float[] page = new float[length];
        Arrays.fill(page, Float.NaN);
        return page;
    }

    @Override
    void fill(Object page, int from, int to) {
        Arrays.fill((float[]) page, from, to, Float.NaN);
    }

    @Override
    double read(Object page, int at) {
        return ((float[]) page)[at];
    }

    @Override
    void write(Object page, int at, double value) {
        ((float[]) page)[at] = (float) value;
    }

    @Override
    boolean notReported(double value) {
        return Double.isNaN(value);
    }

    @Override
    boolean reportedAt(Object page, int at) {
        return !Float.isNaN(((float[]) page)[at]);
    }

    @Override
    int cellBytes() {
        return 4;
    }

    @Override
    void put(Object page, int at, ByteBuffer out) {
        out.putFloat(page == null ? Float.NaN : ((float[]) page)[at]);
    }

    @Override
    boolean take(int index, ByteBuffer in) {
        float value = in.getFloat();
        if (Float.isNaN(value)) {
            return false;
        }
        ((float[]) page(index))[offset(index)] = value;
        return true;
    }

    @Override
    void copyCell(Object source, int sourceAt, Object target, int targetAt) {
        ((float[]) target)[targetAt] = ((float[]) source)[sourceAt];
    }
}
