package dev.gpufleet.connectors.amd;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.gpufleet.connectors.dcgm.DcgmReading;
import dev.gpufleet.connectors.dcgm.ReportJson;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ParseError;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.telemetry.GpuSample;
import dev.gpufleet.core.telemetry.MigSample;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// What `gpufleet metrics parse FILE` prints for a ROCm device-metrics-exporter text: the same
/// shape as the dcgm-exporter report, read through [AmdInterpreter].
///
/// `toJson()` writes `{"exporter":"amd-device-metrics-exporter","gpus":[{"uuid","gpu","model",
/// "hostname","mig":[{"gi","profile","metrics"}],"pods":[…],"metrics"}],"series","errors":[…]}`:
/// a card's compute partitions are its `mig` entries (`gi` the partition id, `profile` the
/// mode, e.g. `CPX`), and `metrics` are keyed by the catalog's field names (the DCGM names the
/// snapshot uses too), so one script reads both vendors.
public final class AmdParseReport {

    private static final JsonFactory JSON = new JsonFactory();

    private final AmdReading reading;
    private final List<ParseError> errors;
    private final int errorCount;

    private AmdParseReport(AmdReading reading, List<ParseError> errors, int errorCount) {
        this.reading = reading;
        this.errors = errors;
        this.errorCount = errorCount;
    }

    /// The AMD report of `exposition`, or `null` when it is not an AMD text: it names no AMD
    /// card, or `dcgm` found NVIDIA GPUs in it (those texts keep the dcgm-exporter report).
    public static @Nullable AmdParseReport ofAmdText(Exposition exposition, DcgmReading dcgm) {
        if (!dcgm.gpus().isEmpty()) {
            return null;
        }
        AmdReading reading = AmdInterpreter.interpret(exposition);
        return reading.gpus().isEmpty() ? null
                : new AmdParseReport(reading, exposition.errors(), exposition.errorCount());
    }

    public AmdReading reading() {
        return reading;
    }

    /// Pretty-printed JSON, without a final newline.
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("exporter", "amd-device-metrics-exporter");
            json.writeArrayFieldStart("gpus");
            for (GpuSample gpu : reading.gpus()) {
                writeGpu(json, gpu, reading.hostnames().get(gpu.index()));
            }
            json.writeEndArray();
            json.writeNumberField("series", reading.series());
            ReportJson.writeErrors(json, errors);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString();
    }

    private static void writeGpu(JsonGenerator json, GpuSample gpu, @Nullable String hostname) throws IOException {
        json.writeStartObject();
        json.writeStringField("uuid", gpu.uuid());
        json.writeNumberField("gpu", gpu.index());
        ReportJson.writeNullable(json, "model", gpu.model());
        ReportJson.writeNullable(json, "hostname", hostname);
        json.writeArrayFieldStart("mig");
        for (MigSample partition : gpu.mig()) {
            json.writeStartObject();
            json.writeNumberField("gi", partition.gpuInstanceId());
            json.writeStringField("profile", partition.profile());
            writeMetrics(json, partition.values());
            json.writeEndObject();
        }
        json.writeEndArray();
        ReportJson.writePods(json, gpu.pods());
        writeMetrics(json, gpu.values());
        json.writeEndObject();
    }

    private static void writeMetrics(JsonGenerator json, MetricValues values) throws IOException {
        json.writeObjectFieldStart("metrics");
        for (Metric metric : Metric.values()) {
            if (values.isReported(metric)) {
                json.writeNumberField(metric.field(), values.get(metric));
            }
        }
        json.writeEndObject();
    }


    /// A short account: counts, one line per card with its partitions and pods, then the
    /// lines that could not be read; without a final newline.
    public String toSummary() {
        int partitions = reading.gpus().stream().mapToInt(g -> g.mig().size()).sum();
        long pods = reading.gpus().stream().flatMap(g -> g.pods().stream()).distinct().count();
        StringBuilder text = new StringBuilder("AMD device-metrics-exporter text: ");
        text.append(count(reading.gpus().size(), "GPU", "GPUs")).append(", ")
                .append(count(partitions, "partition", "partitions")).append(", ")
                .append(count((int) pods, "pod", "pods")).append(", ")
                .append(count(reading.series(), "series", "series")).append(", ")
                .append(count(errorCount, "error", "errors")).append('\n');
        for (GpuSample gpu : reading.gpus()) {
            appendGpu(text, gpu, reading.hostnames().get(gpu.index()));
        }
        if (reading.unattributedSeries() > 0) {
            text.append("  ").append(count(reading.unattributedSeries(), "AMD series", "AMD series"))
                    .append(" naming no GPU (ignored)\n");
        }
        if (errorCount > 0) {
            text.append("Lines that could not be read:\n");
            for (ParseError error : errors) {
                text.append("  line ").append(error.line()).append(": ").append(error.message()).append('\n');
            }
            if (errorCount > errors.size()) {
                text.append("  … and ").append(errorCount - errors.size()).append(" more\n");
            }
        }
        return text.toString().stripTrailing();
    }

    private static void appendGpu(StringBuilder text, GpuSample gpu, @Nullable String hostname) {
        MetricValues values = gpu.values();
        text.append("  GPU ").append(gpu.index()).append("  ").append(gpu.uuid().isEmpty() ? "-" : gpu.uuid())
                .append("  ").append(gpu.model() == null ? "-" : gpu.model());
        if (hostname != null) {
            text.append("  on ").append(hostname);
        }
        text.append(String.format(Locale.ROOT, "  util %s%%  power %s W  temp %s C",
                number(values.get(Metric.GPU_UTIL)), number(values.get(Metric.POWER_USAGE)),
                number(values.get(Metric.GPU_TEMP))));
        if (!gpu.mig().isEmpty()) {
            text.append("  partitions: ").append(gpu.mig().size()).append(' ').append(gpu.mig().getFirst().profile());
        }
        if (!gpu.pods().isEmpty()) {
            text.append("  pods:");
            for (PodRef pod : gpu.pods()) {
                text.append(' ').append(pod);
            }
        }
        text.append('\n');
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String count(int n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }
}
