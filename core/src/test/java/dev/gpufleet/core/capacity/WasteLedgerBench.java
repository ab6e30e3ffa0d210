package dev.gpufleet.core.capacity;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.OwnerRef;
import dev.gpufleet.core.model.PodRecord;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.ClusterSnapshot;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/// Measures what the waste ledger costs per published snapshot: `accept` over a fleet of
/// `gpus` GPUs (8 per node, pods on 6 of each node's 8 GPUs, 100 pending 8-GPU pods), and the
/// heap it holds after `snapshots` snapshots.
///
/// Run: `java -cp core/target/classes:core/target/test-classes:<deps> \
///   dev.gpufleet.core.capacity.WasteLedgerBench [gpus] [snapshots]`. Not a unit test.
public final class WasteLedgerBench {

    private WasteLedgerBench() {
    }

    public static void main(String[] args) {
        int gpus = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int snapshots = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<FleetSnapshot> cycle = List.of(fleet(gpus, start, 0), fleet(gpus, start, 1));
        WasteLedger ledger = new WasteLedger(WasteSettings.defaults(), GpuPrices.defaults());
        for (int warm = 0; warm < snapshots / 2; warm++) {
            ledger.accept(at(cycle.get(warm % 2), start.plusSeconds(10L * warm)));
        }
        long began = System.nanoTime();
        for (int i = snapshots / 2; i < snapshots + snapshots / 2; i++) {
            ledger.accept(at(cycle.get(i % 2), start.plusSeconds(10L * i)));
        }
        double msPerSnapshot = (System.nanoTime() - began) / 1e6 / snapshots;
        WasteReport report = ledger.report();
        cycle = null;
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("%,d GPUs: WasteLedger.accept %.1f ms per snapshot (%.0f ns per GPU); %,d report rows;"
                        + " heap after GC with the ledger alive %,d MB%n", gpus, msPerSnapshot, msPerSnapshot * 1e6 / gpus,
                report.rows().size(), heap >> 20);
        System.out.println(ledger.report().fleet().totalHours() > 0 ? "ok" : "nothing accounted");
    }

    private static FleetSnapshot at(FleetSnapshot snapshot, Instant time) {
        return new FleetSnapshot(snapshot.version(), time, snapshot.clusters());
    }

    private static FleetSnapshot fleet(int gpus, Instant time, int variant) {
        List<NodeSnapshot> nodes = new ArrayList<>();
        for (int n = 0; n < gpus / 8; n++) {
            String node = "node-" + n;
            List<GpuSnapshot> cards = new ArrayList<>(8);
            List<PodRecord> pods = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                List<PodRef> refs = List.of();
                if (g < 6) {
                    PodRecord pod = new PodRecord("ns-" + (n % 40), "job-" + n + "-" + g, node, "Running",
                            new OwnerRef("Job", "job-" + (n % 5000)), Map.of("nvidia.com/gpu", 1L));
                    pods.add(pod);
                    refs = List.of(new PodRef(pod.namespace(), pod.name(), "main"));
                }
                double activity = ((n * 8 + g + variant) % 10) / 10.0;
                cards.add(new GpuSnapshot(g, "GPU-" + n + "-" + g, Fleets.H100, Health.HEALTHY,
                        Fleets.values(Metric.SM_ACTIVE, activity, Metric.POWER_USAGE, 300,
                                Metric.TOTAL_ENERGY, 1e9 + variant * 3e6),
                        time.plusSeconds(3600), List.of(), refs));
            }
            nodes.add(new NodeSnapshot(Fleets.node(node, false, Map.of("nvidia.com/gpu", 8L),
                    Map.of("gpufleet.dev/pool", "pool-" + (n % 20))), cards, pods, time, null));
        }
        List<PodRecord> pending = new ArrayList<>();
        for (int p = 0; p < 100; p++) {
            pending.add(new PodRecord("ml", "big-" + p, null, "Pending", null, Map.of("nvidia.com/gpu", 8L)));
        }
        return new FleetSnapshot(1, time, List.of(new ClusterSnapshot("c", Fleets.live(), nodes, pending)));
    }
}
