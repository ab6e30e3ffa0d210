package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuModel;
import dev.gpufleet.sim.fleet.MigLayout;
import dev.gpufleet.sim.fleet.MigProfile;
import dev.gpufleet.sim.fleet.MigStrategy;
import dev.gpufleet.sim.fleet.NodePool;
import java.util.Map;
import java.util.TreeMap;

/// The labels GPU Feature Discovery and the GPU Operator put on a node, per MIG strategy, as
/// in the captures under `fixtures/nodes/`.
final class GfdLabels {

    private static final String[] DEPLOY = {"container-toolkit", "dcgm", "dcgm-exporter", "device-plugin",
        "driver", "gpu-feature-discovery", "node-status-exporter", "operator-validator"};

    private GfdLabels() {
    }

    static void add(Map<String, String> labels, Fleet fleet, int node, long gfdTimestamp) {
        NodePool pool = fleet.pool(node);
        GpuModel model = pool.model();
        String[] driver = pool.driverVersion().split("\\.");
        String[] cuda = pool.cudaVersion().split("\\.");
        put(labels, "cuda.driver-version.full", pool.driverVersion());
        put(labels, "cuda.driver-version.major", driver[0]);
        put(labels, "cuda.driver-version.minor", driver[1]);
        put(labels, "cuda.driver-version.revision", driver[2]);
        put(labels, "cuda.driver.major", driver[0]);
        put(labels, "cuda.driver.minor", driver[1]);
        put(labels, "cuda.driver.rev", driver[2]);
        put(labels, "cuda.runtime-version.full", pool.cudaVersion());
        put(labels, "cuda.runtime-version.major", cuda[0]);
        put(labels, "cuda.runtime-version.minor", cuda[1]);
        put(labels, "cuda.runtime.major", cuda[0]);
        put(labels, "cuda.runtime.minor", cuda[1]);
        put(labels, "gfd.timestamp", Long.toString(gfdTimestamp));
        put(labels, "gpu.compute.major", Integer.toString(model.computeMajor()));
        put(labels, "gpu.compute.minor", Integer.toString(model.computeMinor()));
        for (String component : DEPLOY) {
            put(labels, "gpu.deploy." + component, "true");
        }
        if (model.migCapable()) {
            put(labels, "gpu.deploy.mig-manager", "true");
        }
        put(labels, "gpu.family", model.family());
        put(labels, "gpu.machine", pool.instanceType());
        put(labels, "gpu.mode", "compute");
        put(labels, "gpu.present", "true");
        put(labels, "gpu.replicas", "1");
        put(labels, "gpu.sharing-strategy", "none");
        put(labels, "mig.capable", Boolean.toString(model.migCapable()));
        put(labels, "mig.strategy", pool.migStrategy().label());
        put(labels, "mps.capable", "false");
        addProductLabels(labels, fleet, node);
    }

    private static void addProductLabels(Map<String, String> labels, Fleet fleet, int node) {
        NodePool pool = fleet.pool(node);
        GpuModel model = pool.model();
        if (model.migCapable()) {
            put(labels, "mig.config", switch (pool.migStrategy()) {
                case NONE -> "all-disabled";
                case SINGLE -> "all-1g.10gb";
                case MIXED -> "custom-mixed";
            });
            put(labels, "mig.config.state", "success");
        }
        if (pool.migStrategy() == MigStrategy.SINGLE) {
            MigProfile p = MigLayout.ALL_1G.profile(0);
            put(labels, "gpu.product", model.gfdProduct() + "-MIG-" + p.profileName());
            put(labels, "gpu.count", Integer.toString(fleet.gpusPerNode() * MigLayout.ALL_1G.instances()));
            put(labels, "gpu.memory", Integer.toString(p.memoryMiB()));
            putProfileDetails(labels, "gpu.", p, model);
            return;
        }
        put(labels, "gpu.product", model.gfdProduct());
        put(labels, "gpu.count", Integer.toString(fleet.gpusPerNode()));
        put(labels, "gpu.memory", Integer.toString(model.specs().memoryMiB()));
        if (pool.migStrategy() == MigStrategy.MIXED) {
            for (Map.Entry<MigProfile, Integer> e : migCounts(fleet, node).entrySet()) {
                String prefix = "mig-" + e.getKey().profileName() + ".";
                put(labels, prefix + "count", Integer.toString(e.getValue()));
                put(labels, prefix + "memory", Integer.toString(e.getKey().memoryMiB()));
                put(labels, prefix + "product", model.gfdProduct() + "-MIG-" + e.getKey().profileName());
                putProfileDetails(labels, prefix, e.getKey(), model);
            }
        }
    }

    private static void putProfileDetails(Map<String, String> labels, String prefix, MigProfile p, GpuModel model) {
        put(labels, prefix + "engines.copy", Integer.toString(p.copyEngines()));
        put(labels, prefix + "engines.decoder", Integer.toString(p.decoders()));
        put(labels, prefix + "engines.encoder", "0");
        put(labels, prefix + "engines.jpeg", p.slices() == 7 ? "1" : "0");
        put(labels, prefix + "engines.ofa", p.slices() == 7 ? "1" : "0");
        put(labels, prefix + "multiprocessors", Integer.toString(p.multiprocessors(model)));
        put(labels, prefix + "replicas", "1");
        put(labels, prefix + "slices.ci", Integer.toString(p.slices()));
        put(labels, prefix + "slices.gi", Integer.toString(p.slices()));
    }

    /// MIG instances of each profile on a node, in profile order.
    static Map<MigProfile, Integer> migCounts(Fleet fleet, int node) {
        Map<MigProfile, Integer> counts = new TreeMap<>();
        for (int g = 0; g < fleet.gpusPerNode(); g++) {
            MigLayout layout = fleet.migLayout(node, g);
            if (layout != null) {
                layout.profiles().forEach(p -> counts.merge(p, 1, Integer::sum));
            }
        }
        return counts;
    }

    private static void put(Map<String, String> labels, String key, String value) {
        labels.put("nvidia.com/" + key, value);
    }
}
