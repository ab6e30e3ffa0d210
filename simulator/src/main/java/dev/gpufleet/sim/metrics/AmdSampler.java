package dev.gpufleet.sim.metrics;

import dev.gpufleet.sim.fleet.AmdPartitionMode;
import dev.gpufleet.sim.fleet.Fleet;
import dev.gpufleet.sim.fleet.GpuFault;
import dev.gpufleet.sim.fleet.GpuModel;
import dev.gpufleet.sim.fleet.Hash;
import dev.gpufleet.sim.fleet.Workload;
import org.jspecify.annotations.Nullable;

/// Computes what amd-smi reads from one MI300X card at one instant: per compute partition its
/// activity and VRAM, per card its power, temperatures, clocks, ECC and energy.
///
/// Pure function of seed, card, workloads and elapsed seconds, like [GpuSampler]: counters are
/// closed-form in time, so they only grow and the same inputs give the same numbers.
final class AmdSampler {

    /// Accelerator complex dies (one `gpu_clock` each) and HBM stacks of an MI300X.
    static final int XCDS = 8;
    static final int HBM_STACKS = 8;
    /// VRAM the driver holds on an idle card, in MB.
    private static final double DRIVER_VRAM_MB = 283;
    private static final double IDLE_CLOCK_MHZ = 132;

    private final Fleet fleet;

    AmdSampler(Fleet fleet) {
        this.fleet = fleet;
    }

    /// One card's readings; arrays indexed by partition (one entry in SPX).
    static final class Card {
        double[] activity;
        double[] memoryActivity;
        double[] usedVramMb;
        double[] totalVramMb;
        double power;
        double averagePower;
        double junctionTemp;
        double memoryTemp;
        final double[] hbmTemps = new double[HBM_STACKS];
        final double[] systemClocks = new double[XCDS];
        double memoryClock;
        double socClock;
        double eccCorrectable;
        double eccUncorrectable;
        double energyMicrojoules;
        double pcieReplays;
        boolean healthy;

        Card(int partitions) {
            activity = new double[partitions];
            memoryActivity = new double[partitions];
            usedVramMb = new double[partitions];
            totalVramMb = new double[partitions];
        }
    }

    /// The card `gpu` of `node` with `partitionWorkloads[p]` running on partition `p` (null: none).
    Card sample(int node, int gpu, AmdPartitionMode mode, @Nullable Workload[] partitionWorkloads, double t) {
        GpuModel.Specs specs = fleet.pool(node).model().specs();
        GpuFault fault = fleet.fault(node, gpu);
        long key = Hash.of(fleet.seed(), Hash.salt("amd-gpu"), node, gpu);
        int partitions = mode.partitions();
        Card card = new Card(partitions);
        double cardUtil = 0;
        double usedMb = DRIVER_VRAM_MB;
        Activity busiest = Activity.IDLE;
        double shareMb = (specs.memoryMiB() - DRIVER_VRAM_MB) / partitions;
        for (int p = 0; p < partitions; p++) {
            Workload w = partitionWorkloads[p];
            Activity a = Activity.of(w);
            long jobKey = w == null ? key : Hash.of(fleet.seed(), Hash.salt("job"), w.id());
            double util = a.utilization(jobKey, key + p, t);
            card.activity[p] = Math.round(util);
            card.memoryActivity[p] = Math.round(util * a.copyShare());
            double partitionUsed = Math.floor(shareMb * a.memoryFraction(w, key + 31L * p));
            card.usedVramMb[p] = partitionUsed + (mode.sharedMemory() ? 0 : Math.round(DRIVER_VRAM_MB / partitions));
            card.totalVramMb[p] = mode.sharedMemory() ? specs.memoryMiB() : Math.floor(specs.memoryMiB() / partitions);
            usedMb += partitionUsed;
            cardUtil += util / partitions;
            busiest = a.ordinal() > busiest.ordinal() ? a : busiest;
        }
        if (mode.sharedMemory()) {
            // One pool: every partition reports the card's whole use.
            java.util.Arrays.fill(card.usedVramMb, usedMb);
        }
        deviceValues(card, specs, fault, cardUtil, busiest, node, key, t);
        return card;
    }

    private void deviceValues(Card card, GpuModel.Specs specs, @Nullable GpuFault fault, double util,
            Activity busiest, int node, long key, double t) {
        double load = Math.pow(util / 100, 1.15);
        card.power = Math.round(specs.idleWatts() * (1 + 0.03 * Noise.smooth(key + 13, t / 9))
                + (specs.tdpWatts() - specs.idleWatts()) * load * (0.93 + 0.05 * Noise.smooth(key + 17, t / 4)));
        card.averagePower = Math.round(specs.idleWatts() + (specs.tdpWatts() - specs.idleWatts()) * load * 0.95);
        card.junctionTemp = Math.round(36 + 4 * Hash.unit(key) + 0.44 * util + Noise.smooth(key + 11, t / 30));
        card.memoryTemp = Math.round(card.junctionTemp - 14 + 0.08 * util);
        for (int h = 0; h < HBM_STACKS; h++) {
            card.hbmTemps[h] = card.memoryTemp - 3 + Math.round(4 * Hash.unit(Hash.mix(key + 100 + h)));
        }
        for (int x = 0; x < XCDS; x++) {
            card.systemClocks[x] = util < 1 ? IDLE_CLOCK_MHZ : specs.maxSmClock() - Hash.below(Hash.mix(key + 200 + x), 8)
                    - (util > 90 ? 10 * Hash.below(key + 43, 6) : 0);
        }
        card.memoryClock = util < 1 ? 900 : specs.memClock();
        card.socClock = util < 1 ? 800 : 1143;
        boolean failing = fault != null && fault.uncorrectableEcc();
        card.eccCorrectable = (Hash.unit(key + 53) < 0.15 ? 1 + Hash.below(key + 53, 6) : 0) + (failing ? 37 : 0);
        card.eccUncorrectable = failing ? 2 : 0;
        card.healthy = !failing;
        card.pcieReplays = Hash.unit(key + 19) < 0.05 ? 1 + Hash.below(key + 19, 30) : 0;
        card.energyMicrojoules = energy(specs, busiest, node, key, t);
    }

    // Mean power times time since the driver loaded, in microjoules: grows with t, repeatable.
    private double energy(GpuModel.Specs specs, Activity a, int node, long key, double t) {
        double meanUtil = switch (a) {
            case TRAINING -> 0.9;
            case INFERENCE -> 0.45;
            case MIG_INFERENCE -> 0.3;
            case NOTEBOOK -> 0.02;
            case IDLE -> 0;
        };
        double mean = specs.idleWatts() + (specs.tdpWatts() - specs.idleWatts()) * meanUtil;
        double uptime = Math.min(fleet.nodeAgeSeconds(node), 86_400.0 * (3 + Hash.below(key + 47, 40)));
        return Math.floor(mean * (uptime + t)) * 1e6;
    }
}
