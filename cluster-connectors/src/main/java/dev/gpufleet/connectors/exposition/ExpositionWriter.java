package dev.gpufleet.connectors.exposition;

import java.util.Collection;

/// Writes samples back as exposition text, escaping label values as the format requires.
///
/// Used to show a series to people in the format they know, and by tests that check the
/// parser reads back exactly what was written.
public final class ExpositionWriter {

    private ExpositionWriter() {
    }

    public static String render(Collection<Sample> samples) {
        StringBuilder text = new StringBuilder(samples.size() * 128);
        for (Sample sample : samples) {
            appendSample(text, sample);
            text.append('\n');
        }
        return text.toString();
    }

    /// One sample line without its newline.
    public static void appendSample(StringBuilder text, Sample sample) {
        text.append(sample.name());
        if (!sample.labels().isEmpty()) {
            appendLabels(text, sample.labels());
        }
        text.append(' ').append(formatValue(sample.value()));
        if (sample.hasTimestamp()) {
            text.append(' ').append(sample.timestampMillis());
        }
    }

    public static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            // Whole numbers as exporters print them: "42", not "42.0"; keep the sign of -0.
            return (value == 0 && 1 / value < 0) ? "-0" : Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static void appendLabels(StringBuilder text, Labels labels) {
        text.append('{');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(labels.name(i)).append("=\"");
            appendEscaped(text, labels.value(i));
            text.append('"');
        }
        text.append('}');
    }

    private static void appendEscaped(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '"' -> text.append("\\\"");
                case '\n' -> text.append("\\n");
                default -> text.append(c);
            }
        }
    }
}
