package dev.gpufleet.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/// The machine-readable view of what the console shows (`gpufleet snapshot --format json`).
///
/// Streams straight to the output, so a 100,000-GPU fleet needs no tree in memory. Metrics
/// that were not reported are left out of `metrics`, never written as zero.
public final class FleetSnapshotJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private FleetSnapshotJson() {
    }

    /// A reading older than this at the snapshot's time is written as stale by [#write(FleetSnapshot, Writer)].
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(60);

    /// Writes the snapshot to `out` and flushes it; `out` stays open. GPUs whose newest reading
    /// is older than [#DEFAULT_STALE_AFTER] are marked stale.
    public static void write(FleetSnapshot snapshot, Writer out) {
        write(snapshot, DEFAULT_STALE_AFTER, out);
    }

    /// Writes the snapshot to `out` and flushes it; `out` stays open. Each GPU says when it was
    /// sampled (`sampledAt`) and whether that is older than `staleAfter` at the snapshot's time,
    /// or it never was (`stale`): its `metrics` are then the last good values, not the present.
    public static void write(FleetSnapshot snapshot, Duration staleAfter, Writer out) {
        try (JsonGenerator json = MAPPER.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeNumberField("version", snapshot.version());
            json.writeStringField("time", snapshot.time().toString());
            json.writeArrayFieldStart("clusters");
            for (ClusterSnapshot cluster : snapshot.clusters()) {
                writeCluster(json, cluster, snapshot.time(), staleAfter);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCluster(JsonGenerator json, ClusterSnapshot cluster, Instant time, Duration staleAfter)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", cluster.name());
        json.writeStringField("state", cluster.connection().state().name());
        writeOptional(json, "message", cluster.connection().message());
        json.writeArrayFieldStart("nodes");
        for (NodeSnapshot node : cluster.nodes()) {
            writeNode(json, node, time, staleAfter);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeNode(JsonGenerator json, NodeSnapshot node, Instant time, Duration staleAfter)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", node.name());
        json.writeBooleanField("unschedulable", node.node().unschedulable());
        json.writeBooleanField("ready", node.node().ready());
        writeOptional(json, "telemetryAt", node.telemetryAt());
        writeOptional(json, "telemetryProblem", node.telemetryProblem());
        json.writeArrayFieldStart("gpus");
        for (GpuSnapshot gpu : node.gpus()) {
            writeGpu(json, gpu, gpu.isStale(time, staleAfter));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("pods");
        for (PodRecord pod : node.pods()) {
            writePod(json, pod);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeGpu(JsonGenerator json, GpuSnapshot gpu, boolean stale) throws IOException {
        json.writeStartObject();
        writeOptional(json, "uuid", gpu.uuid());
        json.writeNumberField("index", gpu.index());
        writeOptional(json, "model", gpu.model());
        json.writeStringField("health", gpu.health().name());
        writeOptional(json, "sampledAt", gpu.sampledAt());
        json.writeBooleanField("stale", stale);
        writeMetrics(json, gpu.values());
        writePodRefs(json, gpu.pods());
        json.writeArrayFieldStart("mig");
        for (MigSample instance : gpu.mig()) {
            json.writeStartObject();
            json.writeNumberField("gi", instance.gpuInstanceId());
            json.writeStringField("profile", instance.profile());
            writeMetrics(json, instance.values());
            writePodRefs(json, instance.pods());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeMetrics(JsonGenerator json, MetricValues values) throws IOException {
        json.writeObjectFieldStart("metrics");
        for (Metric metric : Metric.values()) {
            double value = values.get(metric);
            if (Double.isFinite(value)) {
                json.writeNumberField(metric.field(), value);
            }
        }
        json.writeEndObject();
    }

    private static void writePodRefs(JsonGenerator json, List<PodRef> pods) throws IOException {
        json.writeArrayFieldStart("pods");
        for (PodRef pod : pods) {
            json.writeStartObject();
            json.writeStringField("namespace", pod.namespace());
            json.writeStringField("pod", pod.name());
            writeOptional(json, "container", pod.container());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writePod(JsonGenerator json, PodRecord pod) throws IOException {
        json.writeStartObject();
        json.writeStringField("namespace", pod.namespace());
        json.writeStringField("name", pod.name());
        json.writeStringField("phase", pod.phase());
        if (pod.owner() != null) {
            json.writeStringField("owner", pod.owner().kind() + "/" + pod.owner().name());
        }
        json.writeObjectFieldStart("gpuRequests");
        for (var request : pod.gpuRequests().entrySet()) {
            json.writeNumberField(request.getKey(), request.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeOptional(JsonGenerator json, String field, @Nullable Object value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value instanceof Instant instant ? instant.toString() : value.toString());
        }
    }
}
