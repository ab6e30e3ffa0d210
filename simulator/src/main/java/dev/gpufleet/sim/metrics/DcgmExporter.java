package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.FaultSource;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.MigLayout;
import dev.gpufleet.sim.fleet.NodePool;
import dev.gpufleet.sim.fleet.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/// The `/metrics` text of the dcgm-exporter pod on one node, generated at scrape time, in the
/// Prometheus 0.0.4 text format exactly as dcgm-exporter 3.x writes it:
///
/// - `# HELP` and `# TYPE` before each family, families in counters-file order, families with
///   no samples left out;
/// - labels in the exporter's order: `gpu`, `UUID`, `pci_bus_id`, `device`, `modelName`, then
///   `GPU_I_PROFILE`, `GPU_I_ID` for MIG instances, `Hostname`, `DCGM_FI_DRIVER_VERSION`, then
///   `container`, `namespace`, `pod` when a pod holds the GPU (the exporter's template puts the
///   MIG labels before `Hostname` and appends the sorted extra labels);
/// - integers as `%d`, doubles as `%f`;
/// - a MIG-enabled GPU has one series per GPU instance (same `gpu`/`UUID`/`device`), repeats
///   device-wide values on each, and lacks GPU_UTIL, MEM_COPY_UTIL, ENC/DEC_UTIL and the PCIe
///   byte rates.
public final class DcgmExporter {

    /// The content type dcgm-exporter answers with.
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Fleet fleet;
    private final GpuSampler sampler;
    private final IntPredicate podExists;
    private final IntFunction<String[]> podLabels;
    private final SlotOccupants occupants;

    /// @param podExists  whether pod `index` still exists (evicted pods no longer hold GPUs)
    /// @param podLabels  `{container, namespace, pod}` of pod `index`
    public DcgmExporter(Fleet fleet, IntPredicate podExists, IntFunction<String[]> podLabels) {
        this(fleet, podExists, podLabels, SlotOccupants.NONE);
    }

    /// @param occupants the pods placed since the start, on slots no seeded pod holds
    public DcgmExporter(Fleet fleet, IntPredicate podExists, IntFunction<String[]> podLabels,
            SlotOccupants occupants) {
        this(fleet, podExists, podLabels, occupants, fleet::fault);
    }

    /// @param occupants the pods placed since the start, on slots no seeded pod holds
    /// @param faults    the GPUs' faults now: the planned ones and any injected since the start
    public DcgmExporter(Fleet fleet, IntPredicate podExists, IntFunction<String[]> podLabels,
            SlotOccupants occupants, FaultSource faults) {
        this.fleet = fleet;
        this.sampler = new GpuSampler(fleet, faults);
        this.podExists = podExists;
        this.podLabels = podLabels;
        this.occupants = occupants;
    }

    /// The scrape of `node` at `elapsedSeconds` into the simulation.
    public String scrape(int node, double elapsedSeconds) {
        List<String> labels = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        for (int g = 0; g < fleet.gpusPerNode(); g++) {
            MigLayout layout = fleet.migLayout(node, g);
            int slots = layout == null ? 1 : layout.instances();
            Workload[] workloads = new Workload[slots];
            String[][] pods = new String[slots][];
            for (int s = 0; s < slots; s++) {
                int instance = layout == null ? -1 : s;
                int pod = fleet.podOnSlot(node, g, instance);
                SlotOccupants.Occupant occupant;
                if (pod != Fleet.NO_POD && podExists.test(pod)) {
                    workloads[s] = fleet.workload(fleet.pods().workload(pod));
                    pods[s] = podLabels.apply(pod);
                } else if ((occupant = occupants.at(node, g, instance)) != null) {
                    workloads[s] = occupant.workload();
                    pods[s] = occupant.labels();
                }
            }
            double[][] values = sampler.sample(node, g, workloads, elapsedSeconds);
            for (int s = 0; s < slots; s++) {
                labels.add(labelSet(node, g, layout, s, pods[s]));
                series.add(values[s]);
            }
        }
        return render(labels, series);
    }

    private String labelSet(int node, int gpu, @Nullable MigLayout layout, int slot, String @Nullable [] pod) {
        NodePool pool = fleet.pool(node);
        StringBuilder sb = new StringBuilder(256);
        sb.append("gpu=\"").append(gpu).append("\",UUID=\"").append(fleet.gpuUuid(node, gpu))
                .append("\",pci_bus_id=\"").append(pool.model().pciBusId(gpu))
                .append("\",device=\"nvidia").append(gpu)
                .append("\",modelName=\"").append(pool.model().productName()).append('"');
        if (layout != null) {
            sb.append(",GPU_I_PROFILE=\"").append(layout.profile(slot).profileName())
                    .append("\",GPU_I_ID=\"").append(layout.giId(slot)).append('"');
        }
        sb.append(",Hostname=\"").append(escape(fleet.nodeName(node)))
                .append("\",DCGM_FI_DRIVER_VERSION=\"").append(pool.driverVersion()).append('"');
        if (pod != null) {
            sb.append(",container=\"").append(escape(pod[0])).append("\",namespace=\"").append(escape(pod[1]))
                    .append("\",pod=\"").append(escape(pod[2])).append('"');
        }
        return sb.toString();
    }

    private static String render(List<String> labels, List<double[]> series) {
        StringBuilder out = new StringBuilder(series.size() * DcgmField.values().length * 260);
        for (DcgmField field : DcgmField.values()) {
            int f = field.ordinal();
            if (series.stream().allMatch(v -> Double.isNaN(v[f]))) {
                continue;
            }
            out.append("# HELP ").append(field.metricName()).append(' ').append(field.help()).append('\n');
            out.append("# TYPE ").append(field.metricName()).append(' ').append(field.promType()).append('\n');
            for (int s = 0; s < series.size(); s++) {
                double value = series.get(s)[f];
                if (Double.isNaN(value)) {
                    continue;
                }
                out.append(field.metricName()).append('{').append(labels.get(s)).append("} ");
                appendValue(out, value, field.integer());
                out.append('\n');
            }
        }
        return out.toString();
    }

    // Go's %d and %f: integers plainly, doubles with exactly six decimals.
    static void appendValue(StringBuilder out, double value, boolean integer) {
        if (integer) {
            out.append((long) value);
            return;
        }
        long micros = Math.round(Math.abs(value) * 1_000_000);
        if (value < 0 && micros != 0) {
            out.append('-');
        }
        out.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        out.append("000000", 0, 6 - frac.length()).append(frac);
    }

    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
