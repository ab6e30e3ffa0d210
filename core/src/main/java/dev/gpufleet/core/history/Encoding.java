package dev.gpufleet.core.history;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricKind;

/// How one metric's samples are stored: the cell width and, for quantized widths, the step.
///
/// History is sized for a whole fleet (100k GPUs × 8 metrics × 1 h in under 400 MB), which
/// leaves about a byte per sample; so levels with a known range are quantized: percentages
/// to half a percent and temperatures to a degree in a byte, watts to 0.1 W and MiB to 4 MiB
/// in an unsigned 16-bit cell. Counters keep doubles because their meaning is the difference
/// of two large numbers. One code of every quantized width is reserved for `NaN` (not
/// reported), so not-reported is never confused with zero; zero is always exact. Values past
/// the range saturate at its ends.
public record Encoding(Width width, double step) {

    /// The primitive type of a cell.
    public enum Width {
        /// Unsigned 8-bit code, 255 means `NaN`.
        BYTE(1, 254),
        /// Unsigned 16-bit code (`char`), 65535 means `NaN`.
        CHAR(2, 65_534),
        FLOAT(4, 0),
        DOUBLE(8, 0);

        private final int bytes;
        private final int maxCode;

        Width(int bytes, int maxCode) {
            this.bytes = bytes;
            this.maxCode = maxCode;
        }

        public int bytes() {
            return bytes;
        }

        int maxCode() {
            return maxCode;
        }
    }

    public Encoding {
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
    }

    /// The encoding history uses for `metric`, chosen from its kind and unit.
    public static Encoding of(Metric metric) {
        if (metric.kind() == MetricKind.COUNTER) {
            return new Encoding(Width.DOUBLE, 1);
        }
        return switch (metric.unit()) {
            case PERCENT -> new Encoding(Width.BYTE, 0.5);
            case RATIO -> new Encoding(Width.BYTE, 1.0 / 250);
            case CELSIUS -> new Encoding(Width.BYTE, 1);
            case WATT -> new Encoding(Width.CHAR, 0.1);
            case MIB -> new Encoding(Width.CHAR, 4);
            case MHZ -> new Encoding(Width.CHAR, 1);
            default -> new Encoding(Width.FLOAT, 1);
        };
    }

    /// Whether values are rounded to multiples of [#step()].
    public boolean quantized() {
        return width == Width.BYTE || width == Width.CHAR;
    }

    /// The largest value stored without saturating (infinite for float and double cells).
    public double max() {
        return quantized() ? width.maxCode() * step : Double.POSITIVE_INFINITY;
    }

    /// The largest difference between a value in `[0, max()]` and what reads back: half a step
    /// when quantized; for floats, relative rounding of about 6e-8; 0 for doubles.
    public double maxError(double value) {
        return switch (width) {
            case BYTE, CHAR -> step / 2;
            case FLOAT -> Math.ulp((float) value) / 2;
            case DOUBLE -> 0;
        };
    }

    /// The quantized code of `value` (NaN → the reserved code); only for quantized widths.
    int encode(double value) {
        if (Double.isNaN(value)) {
            return width.maxCode() + 1;
        }
        double code = Math.rint(value / step);
        return (int) Math.max(0, Math.min(width.maxCode(), code));
    }

    /// The value a quantized code stands for.
    double decode(int code) {
        return code > width.maxCode() ? Double.NaN : code * step;
    }

    /// What `value` reads back as after storing it.
    public double roundTrip(double value) {
        return switch (width) {
            case BYTE, CHAR -> decode(encode(value));
            case FLOAT -> (float) value;
            case DOUBLE -> value;
        };
    }
}
