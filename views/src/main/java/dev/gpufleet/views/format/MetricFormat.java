package dev.gpufleet.views.format;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.Unit;
import java.util.Locale;

/// Turns metric values into short text for people: `73 %`, `312 W`, `41.2 GiB`, `1.8 GB/s`.
///
/// `NaN` (the source did not report the metric) becomes [#NOT_REPORTED], never `0`.
public final class MetricFormat {

    /// What a missing value reads as.
    public static final String NOT_REPORTED = "not reported";

    private static final String[] BYTE_RATE_UNITS = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};

    private MetricFormat() {
    }

    /// The value of `metric` with its unit, or [#NOT_REPORTED].
    public static String format(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return NOT_REPORTED;
        }
        return switch (metric.unit()) {
            case PERCENT -> percent(value);
            case RATIO -> percent(value * 100.0);
            case MIB -> mebibytes(value);
            case WATT -> decimal(value, value < 100 ? 1 : 0) + " W";
            case MILLIJOULE -> energy(value);
            case CELSIUS -> decimal(value, 0) + " °C";
            case MHZ -> decimal(value, 0) + " MHz";
            case BYTES_PER_SECOND -> byteRate(value);
            case MICROSECONDS -> decimal(value / 1000.0, 0) + " ms";
            case COUNT, CODE -> decimal(value, 0);
        };
    }

    /// A percentage with one decimal below 10 and none above: `7.5 %`, `73 %`.
    public static String percent(double value) {
        if (Double.isNaN(value)) {
            return NOT_REPORTED;
        }
        return decimal(value, Math.abs(value) < 10 && value != 0 ? 1 : 0) + " %";
    }

    /// A framebuffer size in MiB, shown in GiB from 1 GiB up.
    public static String mebibytes(double mib) {
        if (Double.isNaN(mib)) {
            return NOT_REPORTED;
        }
        return mib >= 1024 ? decimal(mib / 1024.0, 1) + " GiB" : decimal(mib, 0) + " MiB";
    }

    /// A value with its unit's suffix, for places that only know the [Unit].
    public static String withUnit(double value, Unit unit, int decimals) {
        if (Double.isNaN(value)) {
            return NOT_REPORTED;
        }
        String suffix = unit.suffix();
        return suffix.isEmpty() ? decimal(value, decimals) : decimal(value, decimals) + " " + suffix;
    }

    /// `value` with `decimals` fraction digits and grouping, in a fixed locale so tests and
    /// screenshots read the same everywhere.
    public static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String energy(double millijoules) {
        double joules = millijoules / 1000.0;
        if (joules >= 3.6e6) {
            return decimal(joules / 3.6e6, 1) + " kWh";
        }
        return joules >= 1000 ? decimal(joules / 1000.0, 1) + " kJ" : decimal(joules, 0) + " J";
    }

    private static String byteRate(double bytesPerSecond) {
        double value = bytesPerSecond;
        int unit = 0;
        while (Math.abs(value) >= 1000 && unit < BYTE_RATE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return decimal(value, unit == 0 ? 0 : 1) + " " + BYTE_RATE_UNITS[unit];
    }
}
