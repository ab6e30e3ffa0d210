package dev.gpufleet.core.metrics;

/// The unit a metric's value is expressed in, with the suffix shown next to numbers.
public enum Unit {
    PERCENT("%"),
    RATIO(""),
    MIB("MiB"),
    WATT("W"),
    MILLIJOULE("mJ"),
    CELSIUS("°C"),
    MHZ("MHz"),
    BYTES_PER_SECOND("B/s"),
    MICROSECONDS("µs"),
    COUNT(""),
    CODE("");

    private final String suffix;

    Unit(String suffix) {
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }
}
