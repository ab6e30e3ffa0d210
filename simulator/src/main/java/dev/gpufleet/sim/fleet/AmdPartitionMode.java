package dev.gpufleet.sim.fleet;

import java.util.Locale;

/// How the AMD GPU Operator has partitioned the MI300X cards of one node: a compute mode
/// (SPX: the whole card is one GPU; DPX, QPX, CPX: 2, 4 or 8 GPUs of 4, 2 or 1 XCDs) with a
/// memory mode (NPS1: one pool every partition shares; NPS4: four pools, one per HBM quarter).
///
/// Every card of a node is in the same mode, as the operator's partition profiles apply per
/// node; each partition is a schedulable `amd.com/gpu`.
public enum AmdPartitionMode {
    SPX_NPS1(1, 1),
    DPX_NPS1(2, 1),
    QPX_NPS1(4, 1),
    CPX_NPS1(8, 1),
    CPX_NPS4(8, 4);

    private final int partitions;
    private final int memoryPartitions;

    AmdPartitionMode(int partitions, int memoryPartitions) {
        this.partitions = partitions;
        this.memoryPartitions = memoryPartitions;
    }

    /// The mode of the `numberInPool`-th (from 1) of `poolSize` MI300X nodes: most run SPX;
    /// the last of two or more runs CPX/NPS4, the one before it DPX once there are four, and
    /// the one before that QPX once there are six, so every kind of partition shows.
    public static AmdPartitionMode forNode(int numberInPool, int poolSize) {
        int fromEnd = poolSize - numberInPool;
        if (fromEnd == 0 && poolSize >= 2) {
            return CPX_NPS4;
        }
        if (fromEnd == 1 && poolSize >= 4) {
            return DPX_NPS1;
        }
        if (fromEnd == 2 && poolSize >= 6) {
            return QPX_NPS1;
        }
        return SPX_NPS1;
    }

    /// Compute partitions (logical GPUs) per card.
    public int partitions() {
        return partitions;
    }

    /// Whether the card is split: in SPX it is one GPU.
    public boolean partitioned() {
        return partitions > 1;
    }

    /// `spx`, `dpx`, `qpx` or `cpx`, as the exporter's `gpu_compute_partition_type` label.
    public String computeType() {
        return name().substring(0, 3).toLowerCase(Locale.ROOT);
    }

    /// `nps1` or `nps4`, as the exporter's `gpu_memory_partition_type` label.
    public String memoryType() {
        return "nps" + memoryPartitions;
    }

    /// Whether every partition sees the card's whole memory (NPS1) rather than its own share.
    public boolean sharedMemory() {
        return memoryPartitions == 1;
    }

    /// The node labeller's `amd.com/compute-memory-partition` value, e.g. `cpx_nps4`.
    public String label() {
        return computeType() + "_" + memoryType();
    }
}
