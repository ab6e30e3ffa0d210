package dev.gpufleet.views.node;

import dev.gpufleet.core.exec.TaskExecutor;
import dev.gpufleet.core.metrics.CounterRates;
import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.NodeRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.topology.GpuAffinity;
import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.KnownBoards;
import dev.gpufleet.core.topology.Nic;
import dev.gpufleet.core.topology.TopologyOrigin;
import dev.gpufleet.core.topology.TopologySource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;

/// The node view's state and commands; knows no `Node`.
///
/// Shows the known topology of the node's board first ([KnownBoards], marked "not probed"),
/// or says the topology is unknown; [#probe()] asks the [TopologySource] to read it from the
/// node with `nvidia-smi` (an action on the cluster, so only on the user's word). [#update]
/// takes each newer [NodeSnapshot] for the GPU table and NVLink traffic.
///
/// `background` runs the probe; `ui` brings its result back (the FX thread in the app, the
/// calling thread in tests).
public final class NodeViewModel {

    private final String cluster;
    private final String node;
    private final @Nullable TopologySource source;
    private final TaskExecutor background;
    private final Executor ui;
    private final ReadOnlyObjectWrapper<@Nullable GpuTopology> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper topologyNote = new ReadOnlyStringWrapper(this, "topologyNote", "");
    private final ReadOnlyStringWrapper probeError = new ReadOnlyStringWrapper(this, "probeError", "");
    private final ReadOnlyBooleanWrapper probing = new ReadOnlyBooleanWrapper(this, "probing");
    private final ReadOnlyObjectWrapper<List<GpuRow>> gpus = new ReadOnlyObjectWrapper<>(this, "gpus", List.of());
    private final ReadOnlyObjectWrapper<TrafficMode> traffic = new ReadOnlyObjectWrapper<>(this, "traffic", TrafficMode.NONE);
    private final Map<Integer, Reading> lastLinkReadings = new HashMap<>();
    private final Map<Integer, double[]> lastRateCache = new HashMap<>();
    private @Nullable NodeSnapshot last;

    private record Reading(Instant at, double[] counters) {
    }

    /// @param source where probes go, or null where the cluster cannot be probed (no connection)
    public NodeViewModel(String cluster, String node, @Nullable TopologySource source, TaskExecutor background,
            Executor ui) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.node = Objects.requireNonNull(node, "node");
        this.source = source;
        this.background = background;
        this.ui = ui;
        topologyNote.set("Waiting for the node's inventory.");
        if (source != null) {
            source.probed(cluster, node).ifPresent(earlier -> {
                topology.set(earlier);
                topologyNote.set("Probed earlier with nvidia-smi topo -m on " + node + ".");
            });
        }
    }

    public String cluster() {
        return cluster;
    }

    public String node() {
        return node;
    }

    /// Takes the node's newest snapshot: the GPU table, and the known-board topology while
    /// nothing better is known.
    public void update(NodeSnapshot snapshot) {
        NodeRecord record = snapshot.node();
        int count = Math.max(record.physicalGpuCount(), snapshot.gpus().size());
        String product = record.labels().get(NodeRecord.LABEL_GPU_PRODUCT);
        String model = record.gpuProduct();
        title.set(node + " — " + (count == 0 ? "no GPUs" : count + " × " + (model == null ? "unknown GPU" : model)));
        GpuTopology current = topology.get();
        if (current == null || current.origin() == TopologyOrigin.KNOWN_BOARD) {
            showKnownBoard(product, count);
        }
        last = snapshot;
        gpus.set(rows(snapshot));
    }

    private void showKnownBoard(@Nullable String product, int count) {
        Optional<GpuTopology> known = product == null ? Optional.empty() : KnownBoards.lookup(product, count);
        topology.set(known.orElse(null));
        if (known.isPresent()) {
            topologyNote.set("By product: " + known.get().description() + ". Probe to read the node's own matrix.");
        } else if (count == 0) {
            topologyNote.set("This node reports no GPUs.");
        } else {
            topologyNote.set("Topology unknown: gpufleet knows no board for " + (product == null ? "this GPU (no "
                    + NodeRecord.LABEL_GPU_PRODUCT + " label)" : product) + " with " + count
                    + " GPUs. Probe the node to read it.");
        }
    }

    /// Whether [#probe()] can run now: a source exists and no probe is running.
    public boolean canProbe() {
        return source != null && !probing.get();
    }

    /// Runs `nvidia-smi topo -m` on the node through the source, in the background; the
    /// result replaces the shown topology, a failure shows in [#probeErrorProperty()].
    public void probe() {
        TopologySource probeWith = source;
        if (probeWith == null || probing.get()) {
            return;
        }
        probing.set(true);
        probeError.set("");
        topologyNote.set("Probing " + node + " with nvidia-smi topo -m …");
        background.supply(() -> probeWith.probe(cluster, node)).whenComplete((result, failure) -> ui.execute(() -> {
            probing.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                probeError.set(Objects.requireNonNullElse(cause.getMessage(), cause.toString()));
                GpuTopology shown = topology.get();
                topologyNote.set(shown == null ? "Topology unknown." : "By product: " + shown.description() + ".");
            } else {
                topology.set(result);
                topologyNote.set("Probed with nvidia-smi topo -m on " + node + ".");
                if (last != null) {
                    gpus.set(rows(last));
                }
            }
        }));
    }

    private List<GpuRow> rows(NodeSnapshot snapshot) {
        GpuTopology topo = topology.get();
        List<GpuRow> rows = new ArrayList<>();
        boolean perLink = false;
        boolean perGpu = false;
        for (GpuSnapshot gpu : snapshot.gpus()) {
            GpuAffinity affinity = topo != null && gpu.index() < topo.gpuCount() ? topo.affinity(gpu.index())
                    : GpuAffinity.UNKNOWN;
            double[] rates = linkRates(gpu);
            perLink |= Arrays.stream(rates).anyMatch(r -> !Double.isNaN(r));
            double tx = gpu.value(Metric.NVLINK_TX_BYTES);
            double rx = gpu.value(Metric.NVLINK_RX_BYTES);
            perGpu |= !Double.isNaN(tx) || !Double.isNaN(rx);
            List<String> pods = gpu.pods().stream().map(PodRef::toString).distinct().toList();
            List<String> nics = topo != null && gpu.index() < topo.gpuCount()
                    ? topo.closestNics(gpu.index()).stream().map(Nic::device).toList() : List.of();
            rows.add(new GpuRow(gpu.index(), gpu.utilizationPercent(), gpu.health(),
                    Objects.requireNonNullElse(affinity.numaNodes(), "?"), Objects.requireNonNullElse(affinity.cpus(), "?"),
                    nics, pods, tx, rx, rates));
        }
        boolean noNvlink = topo != null && topo.gpuCount() > 1 && !hasNvlink(topo);
        traffic.set(perLink ? TrafficMode.PER_LINK : noNvlink ? TrafficMode.NO_NVLINK
                : perGpu ? TrafficMode.PER_GPU : TrafficMode.NONE);
        return rows;
    }

    private static boolean hasNvlink(GpuTopology topo) {
        for (int a = 0; a < topo.gpuCount(); a++) {
            for (int b = 0; b < topo.gpuCount(); b++) {
                if (topo.link(a, b).nvlinks() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    // Per-link counters become rates between this reading and the GPU's previous one.
    private double[] linkRates(GpuSnapshot gpu) {
        int links = Metric.nvlinkLinkCount();
        double[] counters = new double[links];
        boolean any = false;
        for (int link = 0; link < links; link++) {
            counters[link] = gpu.value(Metric.nvlinkBandwidth(link));
            any |= !Double.isNaN(counters[link]);
        }
        double[] rates = new double[links];
        Arrays.fill(rates, Double.NaN);
        Instant at = gpu.sampledAt();
        if (!any || at == null) {
            return rates;
        }
        Reading previous = lastLinkReadings.get(gpu.index());
        if (previous != null && at.isAfter(previous.at())) {
            for (int link = 0; link < links; link++) {
                rates[link] = CounterRates.perSecond(previous.counters()[link], previous.at(), counters[link], at);
            }
        } else if (previous != null) {
            return lastRates(gpu.index(), rates);
        }
        lastLinkReadings.put(gpu.index(), new Reading(at, counters));
        lastRateCache.put(gpu.index(), rates);
        return rates;
    }

    private double[] lastRates(int gpu, double[] fallback) {
        return lastRateCache.getOrDefault(gpu, fallback);
    }

    public ReadOnlyObjectProperty<@Nullable GpuTopology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /// `gpu-h100-a-001 — 8 × NVIDIA H100 80GB HBM3`.
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /// Where the shown topology comes from, or why none is shown.
    public ReadOnlyStringProperty topologyNoteProperty() {
        return topologyNote.getReadOnlyProperty();
    }

    /// Why the last probe failed; empty when it did not.
    public ReadOnlyStringProperty probeErrorProperty() {
        return probeError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty probingProperty() {
        return probing.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<GpuRow>> gpusProperty() {
        return gpus.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TrafficMode> trafficProperty() {
        return traffic.getReadOnlyProperty();
    }
}
