package dev.gpufleet.connectors.exposition;

import java.util.Objects;

/// One sample line: series name, labels in text order, value, optional timestamp, and the
/// 1-based line it came from (for messages that point at the input).
///
/// `value` may be `NaN` or infinite, as the format allows. Without a timestamp,
/// `timestampMillis` is [#NO_TIMESTAMP].
public record Sample(String name, Labels labels, double value, long timestampMillis, int line) {

    /// Marks a sample the text gave no timestamp.
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    public Sample {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
    }

    public boolean hasTimestamp() {
        return timestampMillis != NO_TIMESTAMP;
    }
}
