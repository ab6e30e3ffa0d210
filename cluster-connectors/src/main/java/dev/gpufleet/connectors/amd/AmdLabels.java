package dev.gpufleet.connectors.amd;

import dev.gpufleet.connectors.exposition.Labels;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// Label names of the ROCm device-metrics-exporter, and a lookup that also accepts the
/// UPPERCASE names early exporter versions printed (`GPU_ID`, `SERIAL_NUMBER`, …).
final class AmdLabels {

    static final String GPU_ID = "gpu_id";
    static final String GPU_UUID = "gpu_uuid";
    static final String SERIAL_NUMBER = "serial_number";
    static final String CARD_SERIES = "card_series";
    static final String CARD_MODEL = "card_model";
    static final String HOSTNAME = "hostname";
    static final String PARTITION_ID = "gpu_partition_id";
    static final String COMPUTE_PARTITION = "gpu_compute_partition_type";
    static final String MEMORY_PARTITION = "gpu_memory_partition_type";
    static final String CLOCK_TYPE = "clock_type";
    static final String POD = "pod";
    static final String NAMESPACE = "namespace";
    static final String CONTAINER = "container";

    private AmdLabels() {
    }

    /// The non-empty value of `name` (lowercase, as current exporters print it) or of its
    /// UPPERCASE form; `null` when neither is there or both are empty.
    static @Nullable String get(Labels labels, String name) {
        String value = labels.nonEmpty(name);
        return value != null ? value : labels.nonEmpty(name.toUpperCase(Locale.ROOT));
    }

    /// Whether the compute partition mode splits the card (CPX, DPX, QPX, TPX): SPX is the
    /// whole card, and consumer parts print `none` or nothing.
    static boolean isPartitionMode(@Nullable String computePartition) {
        if (computePartition == null) {
            return false;
        }
        String mode = computePartition.strip().toLowerCase(Locale.ROOT);
        return mode.equals("cpx") || mode.equals("dpx") || mode.equals("qpx") || mode.equals("tpx");
    }

    /// Whether the memory partition mode keeps one shared pool (NPS1), so every compute
    /// partition reports the same whole-card VRAM rather than its own share.
    static boolean sharesMemory(@Nullable String memoryPartition) {
        return memoryPartition == null || memoryPartition.strip().equalsIgnoreCase("nps1")
                || memoryPartition.strip().equalsIgnoreCase("none");
    }

    static int parseId(@Nullable String text) {
        if (text == null) {
            return -1;
        }
        try {
            int value = Integer.parseInt(text.strip());
            return value >= 0 ? value : -1;
        } catch (NumberFormatException notANumber) {
            return -1;
        }
    }
}
