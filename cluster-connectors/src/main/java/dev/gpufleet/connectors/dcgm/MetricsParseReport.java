package dev.gpufleet.connectors.dcgm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.connectors.exposition.ParseError;
import dev.gpufleet.core.model.PodRef;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// What `gpufleet metrics parse FILE` prints: one exposition text read as dcgm-exporter output.
///
/// `toJson()` writes exactly
/// `{"gpus":[{"uuid","gpu","model","hostname","mig":[{"gi","profile","metrics"}],"pods":[{"namespace","pod","container"}],"metrics"}],"series","errors":[{"line","message"}]}`
/// (`NaN` and infinite values as the strings `"NaN"`, `"Infinity"`, `"-Infinity"`; unknown
/// fields as `null`); `toSummary()` a few lines for people.
public final class MetricsParseReport {

    private static final JsonFactory JSON = new JsonFactory();

    private final DcgmReading reading;

    private MetricsParseReport(DcgmReading reading) {
        this.reading = reading;
    }

    public static MetricsParseReport of(byte[] text) {
        return new MetricsParseReport(DcgmInterpreter.interpret(ExpositionParser.parseText(text)));
    }

    public static MetricsParseReport of(DcgmReading reading) {
        return new MetricsParseReport(reading);
    }

    public DcgmReading reading() {
        return reading;
    }

    /// Pretty-printed JSON, without a final newline (print it with `println`).
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("gpus");
            for (DcgmGpu gpu : reading.gpus()) {
                writeGpu(json, gpu);
            }
            json.writeEndArray();
            json.writeNumberField("series", reading.series());
            ReportJson.writeErrors(json, reading.errors());
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private static void writeGpu(JsonGenerator json, DcgmGpu gpu) throws IOException {
        json.writeStartObject();
        ReportJson.writeNullable(json, "uuid", gpu.uuid());
        json.writeFieldName("gpu");
        if (gpu.index() >= 0) {
            json.writeNumber(gpu.index());
        } else {
            json.writeNull();
        }
        ReportJson.writeNullable(json, "model", gpu.model());
        ReportJson.writeNullable(json, "hostname", gpu.hostname());
        json.writeArrayFieldStart("mig");
        for (DcgmMigInstance instance : gpu.mig()) {
            json.writeStartObject();
            json.writeNumberField("gi", instance.gi());
            ReportJson.writeNullable(json, "profile", instance.profile());
            writeMetrics(json, instance.metrics());
            json.writeEndObject();
        }
        json.writeEndArray();
        ReportJson.writePods(json, gpu.pods());
        writeMetrics(json, gpu.metrics());
        json.writeEndObject();
    }

    private static void writeMetrics(JsonGenerator json, Map<String, Double> metrics) throws IOException {
        json.writeObjectFieldStart("metrics");
        for (Map.Entry<String, Double> series : metrics.entrySet()) {
            json.writeNumberField(series.getKey(), series.getValue());
        }
        json.writeEndObject();
    }


    /// A short account: counts, one line per GPU, then the lines that could not be read;
    /// without a final newline (print it with `println`).
    public String toSummary() {
        StringBuilder text = new StringBuilder();
        text.append(count(reading.gpus().size(), "GPU")).append(", ")
                .append(count(reading.migInstanceCount(), "MIG instance")).append(", ")
                .append(count(reading.pods().size(), "pod")).append(", ")
                .append(count(reading.series(), "series", "series")).append(", ")
                .append(count(reading.errorCount(), "error")).append('\n');
        for (DcgmGpu gpu : reading.gpus()) {
            appendGpu(text, gpu);
        }
        appendIgnored(text);
        if (reading.errorCount() > 0) {
            text.append("Lines that could not be read:\n");
            for (ParseError error : reading.errors()) {
                text.append("  line ").append(error.line()).append(": ").append(error.message()).append('\n');
            }
            int omitted = reading.errorCount() - reading.errors().size();
            if (omitted > 0) {
                text.append("  … and ").append(omitted).append(" more\n");
            }
        }
        return text.toString().stripTrailing();
    }

    private static void appendGpu(StringBuilder text, DcgmGpu gpu) {
        text.append("  GPU ").append(gpu.index() >= 0 ? Integer.toString(gpu.index()) : "?")
                .append("  ").append(orDash(gpu.uuid()))
                .append("  ").append(orDash(gpu.model()));
        if (gpu.hostname() != null) {
            text.append("  on ").append(gpu.hostname());
        }
        text.append("  ").append(count(gpu.metrics().size(), "series", "series"));
        if (!gpu.mig().isEmpty()) {
            text.append("  MIG:");
            for (DcgmMigInstance instance : gpu.mig()) {
                text.append(' ').append(instance.gi()).append('=').append(orDash(instance.profile()));
            }
        }
        if (!gpu.pods().isEmpty()) {
            text.append("  pods:");
            for (PodRef pod : gpu.pods()) {
                text.append(' ').append(pod);
            }
        }
        text.append('\n');
    }

    private void appendIgnored(StringBuilder text) {
        if (reading.unattributedSeries() > 0) {
            text.append("  ").append(count(reading.unattributedSeries(), "DCGM series", "DCGM series"))
                    .append(" without GPU labels (ignored)\n");
        }
        if (reading.otherSeries() > 0) {
            text.append("  ").append(count(reading.otherSeries(), "other series", "other series"))
                    .append(" (not dcgm-exporter's; ignored)\n");
        }
        if (reading.duplicateSeries() > 0) {
            text.append("  ").append(count(reading.duplicateSeries(), "repeated series", "repeated series"))
                    .append(" (the last value was kept)\n");
        }
    }

    private static String orDash(@Nullable String value) {
        return value == null ? "-" : value;
    }

    private static String count(int n, String singular) {
        return count(n, singular, singular + "s");
    }

    private static String count(int n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }
}
