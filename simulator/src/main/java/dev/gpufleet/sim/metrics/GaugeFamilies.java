package dev.gpufleet.sim.metrics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/// Gauge families of a Go exporter's text output being assembled: sorted by family name, as the
/// Prometheus client's registry gathers them, with Go's shortest float formatting.
final class GaugeFamilies {

    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("gpu_nodes_total", "Number of GPU nodes on the machine"),
            Map.entry("gpu_gfx_activity", "Graphics engine usage percentage (0 - 100)"),
            Map.entry("gpu_umc_activity", "Memory engine usage percentage (0 - 100)"),
            Map.entry("gpu_used_vram", "Total VRAM memory used in MB"),
            Map.entry("gpu_free_vram", "Total VRAM memory free in MB"),
            Map.entry("gpu_total_vram", "Total VRAM available in MB"),
            Map.entry("gpu_health", "Health of the GPU (1 healthy, 0 unhealthy)"),
            Map.entry("gpu_package_power", "Current socket power in Watts"),
            Map.entry("gpu_power_usage", "GPU power usage in Watts"),
            Map.entry("gpu_average_package_power", "Average socket power in Watts"),
            Map.entry("gpu_edge_temperature", "Edge temperature value in Celsius"),
            Map.entry("gpu_junction_temperature", "Hotspot (aka junction) temperature value in Celsius"),
            Map.entry("gpu_memory_temperature", "Memory temperature value in Celsius"),
            Map.entry("gpu_hbm_temperature", "List of hbm temperatures in Celsius"),
            Map.entry("gpu_clock", "Clock measure of the GPU in Mhz"),
            Map.entry("gpu_ecc_correct_total", "Total Correctable ECC error count"),
            Map.entry("gpu_ecc_uncorrect_total", "Total Uncorrectable ECC error count"),
            Map.entry("gpu_energy_consumed", "Accumulated energy consumed by the GPU in Micro Jules (uJ)"),
            Map.entry("pcie_replay_count", "Total number of PCIe replays (NAKs)"));

    private final Map<String, StringBuilder> families = new TreeMap<>();

    /// Appends one series of family `name`.
    void add(String name, Map<String, String> labels, double value) {
        StringBuilder out = families.computeIfAbsent(name, n -> new StringBuilder(4096));
        out.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append(label.getKey()).append("=\"").append(escape(label.getValue())).append('"');
        }
        out.append("} ").append(goFloat(value)).append('\n');
    }

    String render() {
        StringBuilder text = new StringBuilder();
        families.forEach((name, series) -> {
            text.append("# HELP ").append(name).append(' ').append(HELP.getOrDefault(name, name)).append('\n');
            text.append("# TYPE ").append(name).append(" gauge\n");
            text.append(series);
        });
        return text.toString();
    }

    /// Go's `strconv.FormatFloat(v, 'g', -1, 64)`: the shortest digits that read back as `v`,
    /// in exponent form (`1.2345678e+12`) when the decimal exponent is below -4 or at least 6,
    /// else plain (`196592`, `0.5`).
    static String goFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int exponent = digits.length() - exact.scale() - 1;
        String sign = value < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int abs = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
        return sign + exact.toPlainString();
    }

    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
