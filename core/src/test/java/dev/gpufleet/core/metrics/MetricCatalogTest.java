package dev.gpufleet.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/// The catalog against dcgm-exporter's shipped field lists and against real captures.
class MetricCatalogTest {

    /// Everything `default-counters.csv` and `dcp-metrics-included.csv` list (commented-out
    /// fields included), except label-only fields.
    private static final String[] EXPORTER_FIELDS = {
        "DCGM_FI_DEV_SM_CLOCK", "DCGM_FI_DEV_MEM_CLOCK", "DCGM_FI_DEV_MEMORY_TEMP", "DCGM_FI_DEV_GPU_TEMP",
        "DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_POWER_MGMT_LIMIT",
        "DCGM_FI_DEV_PCIE_TX_THROUGHPUT", "DCGM_FI_DEV_PCIE_RX_THROUGHPUT", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
        "DCGM_FI_DEV_GPU_UTIL", "DCGM_FI_DEV_MEM_COPY_UTIL", "DCGM_FI_DEV_ENC_UTIL", "DCGM_FI_DEV_DEC_UTIL",
        "DCGM_FI_DEV_XID_ERRORS", "DCGM_FI_DEV_POWER_VIOLATION", "DCGM_FI_DEV_THERMAL_VIOLATION",
        "DCGM_FI_DEV_SYNC_BOOST_VIOLATION", "DCGM_FI_DEV_BOARD_LIMIT_VIOLATION", "DCGM_FI_DEV_LOW_UTIL_VIOLATION",
        "DCGM_FI_DEV_RELIABILITY_VIOLATION", "DCGM_FI_DEV_FB_FREE", "DCGM_FI_DEV_FB_USED", "DCGM_FI_DEV_FB_RESERVED",
        "DCGM_FI_DEV_ECC_SBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_DBE_VOL_TOTAL", "DCGM_FI_DEV_ECC_SBE_AGG_TOTAL",
        "DCGM_FI_DEV_ECC_DBE_AGG_TOTAL", "DCGM_FI_DEV_RETIRED_SBE", "DCGM_FI_DEV_RETIRED_DBE",
        "DCGM_FI_DEV_RETIRED_PENDING", "DCGM_FI_DEV_NVLINK_CRC_FLIT_ERROR_COUNT_TOTAL",
        "DCGM_FI_DEV_NVLINK_CRC_DATA_ERROR_COUNT_TOTAL", "DCGM_FI_DEV_NVLINK_REPLAY_ERROR_COUNT_TOTAL",
        "DCGM_FI_DEV_NVLINK_RECOVERY_ERROR_COUNT_TOTAL", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
        "DCGM_FI_DEV_NVLINK_BANDWIDTH_L0", "DCGM_FI_DEV_VGPU_LICENSE_STATUS",
        "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS",
        "DCGM_FI_DEV_ROW_REMAP_FAILURE", "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS", "DCGM_FI_DEV_CLOCKS_EVENT_REASONS",
        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "DCGM_FI_PROF_SM_ACTIVE", "DCGM_FI_PROF_SM_OCCUPANCY",
        "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE", "DCGM_FI_PROF_PIPE_FP64_ACTIVE",
        "DCGM_FI_PROF_PIPE_FP32_ACTIVE", "DCGM_FI_PROF_PIPE_FP16_ACTIVE", "DCGM_FI_PROF_PCIE_TX_BYTES",
        "DCGM_FI_PROF_PCIE_RX_BYTES", "DCGM_FI_PROF_NVLINK_TX_BYTES", "DCGM_FI_PROF_NVLINK_RX_BYTES",
    };

    /// Numeric series in the captures that describe the node rather than a GPU.
    private static final Set<String> NOT_PER_GPU = Set.of("DCGM_FI_DEV_COUNT");

    private static final Pattern SAMPLE = Pattern.compile("^(DCGM_FI_\\w+)(?:\\{[^}]*})?\\s+(\\S+)");

    @Test
    void coversWhatDcgmExporterShips() {
        for (String field : EXPORTER_FIELDS) {
            assertThat(Metric.byField(field)).as(field).isPresent();
        }
    }

    @Test
    void coversEveryNumericPerGpuSeriesInTheCaptures() throws IOException {
        Set<String> unknown = new TreeSet<>();
        try (Stream<Path> files = Files.list(fixtures())) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher sample = SAMPLE.matcher(line.strip());
                    if (sample.find() && isNumber(sample.group(2)) && !NOT_PER_GPU.contains(sample.group(1))
                            && Metric.byField(sample.group(1)).isEmpty()) {
                        unknown.add(sample.group(1));
                    }
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void appendedFieldsKeepTheOriginalColumns() {
        assertThat(Metric.GPU_UTIL.ordinal()).isZero();
        assertThat(Metric.NVLINK_RX_BYTES.ordinal()).isEqualTo(39);
        assertThat(Metric.POWER_MGMT_LIMIT.ordinal()).isEqualTo(40);
    }

    @Test
    void migScopesSayHowInstancesCombine() {
        assertThat(Metric.GPU_TEMP.scope()).isEqualTo(MetricScope.DEVICE);
        assertThat(Metric.POWER_USAGE.scope()).isEqualTo(MetricScope.DEVICE);
        assertThat(Metric.FB_USED.scope()).isEqualTo(MetricScope.PARTITIONED);
        assertThat(Metric.FB_TOTAL.scope()).isEqualTo(MetricScope.PARTITIONED);
        assertThat(Metric.GR_ENGINE_ACTIVE.scope()).isEqualTo(MetricScope.INSTANCE);
        assertThat(Metric.GPU_UTIL.scope()).isEqualTo(MetricScope.INSTANCE);
        for (Metric metric : Metric.values()) {
            if (metric.kind() == MetricKind.COUNTER) {
                assertThat(metric.scope()).as(metric.name()).isEqualTo(MetricScope.DEVICE);
            }
        }
    }

    @Test
    void perLinkNvlinkFieldsAreAddressedByLink() {
        assertThat(Metric.nvlinkLinkCount()).isEqualTo(18);
        for (int link = 0; link < Metric.nvlinkLinkCount(); link++) {
            Metric metric = Metric.nvlinkBandwidth(link);
            assertThat(metric.field()).isEqualTo("DCGM_FI_DEV_NVLINK_BANDWIDTH_L" + link);
            assertThat(metric.nvlinkLink()).isEqualTo(link);
            assertThat(metric.kind()).isEqualTo(MetricKind.COUNTER);
        }
        assertThat(Metric.NVLINK_BANDWIDTH_TOTAL.nvlinkLink()).isEqualTo(-1);
        assertThatThrownBy(() -> Metric.nvlinkBandwidth(18)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nvmlThroughputArrivesInKilobytes() {
        assertThat(Metric.PCIE_TX_THROUGHPUT.fromWire(2.5)).isEqualTo(2500.0);
        assertThat(Metric.PCIE_TX_THROUGHPUT.unit()).isEqualTo(Unit.BYTES_PER_SECOND);
        assertThat(Metric.GPU_UTIL.fromWire(42)).isEqualTo(42.0);
        assertThat(Metric.PCIE_RX_THROUGHPUT.fromWire(Double.NaN)).isNaN();
    }

    @Test
    void displayNamesAreUnique() {
        assertThat(Stream.of(Metric.values()).map(Metric::displayName).distinct().count()).isEqualTo(Metric.count());
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    static Path fixtures() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            for (Path candidate : new Path[] {at.resolve("shared/fixtures/dcgm"), at.resolveSibling("shared").resolve("fixtures/dcgm")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("../shared/fixtures/dcgm not found: it must sit beside the checkout");
    }
}
