package dev.gpufleet.sim.fleet;

import java.util.Arrays;

/// Every pod of the fleet as a row of primitive columns: which workload, which replica, which
/// node and which GPUs. Pods cost about 16 bytes each here; their API objects are built on demand.
public final class PodPlacements {

    /// `node` of a pod that no node could take.
    public static final int PENDING = -1;
    /// `migInstance` of a pod that holds whole GPUs or none.
    public static final int WHOLE_GPU = -1;

    private int size;
    private int[] workload = new int[256];
    private int[] ordinal = new int[256];
    private int[] node = new int[256];
    private byte[] gpuStart = new byte[256];
    private byte[] gpuCount = new byte[256];
    private byte[] migInstance = new byte[256];
    private short[] nodeSlot = new short[256];

    int add(int workloadId, int replica, int nodeIndex, int firstGpu, int gpus, int instance, int slot) {
        if (size == workload.length) {
            grow();
        }
        workload[size] = workloadId;
        ordinal[size] = replica;
        node[size] = nodeIndex;
        gpuStart[size] = (byte) firstGpu;
        gpuCount[size] = (byte) gpus;
        migInstance[size] = (byte) instance;
        nodeSlot[size] = (short) slot;
        return size++;
    }

    private void grow() {
        int n = workload.length * 2;
        workload = Arrays.copyOf(workload, n);
        ordinal = Arrays.copyOf(ordinal, n);
        node = Arrays.copyOf(node, n);
        gpuStart = Arrays.copyOf(gpuStart, n);
        gpuCount = Arrays.copyOf(gpuCount, n);
        migInstance = Arrays.copyOf(migInstance, n);
        nodeSlot = Arrays.copyOf(nodeSlot, n);
    }

    public int size() {
        return size;
    }

    public int workload(int pod) {
        return workload[pod];
    }

    /// The replica number within its workload (Job completion index, StatefulSet ordinal).
    public int ordinal(int pod) {
        return ordinal[pod];
    }

    /// The node index, or [#PENDING].
    public int node(int pod) {
        return node[pod];
    }

    public int gpuStart(int pod) {
        return gpuStart[pod];
    }

    public int gpuCount(int pod) {
        return gpuCount[pod];
    }

    /// The MIG instance of GPU [#gpuStart] this pod holds, or [#WHOLE_GPU].
    public int migInstance(int pod) {
        return migInstance[pod];
    }

    /// The pod's position among the pods of its node; picks its IP address.
    public int nodeSlot(int pod) {
        return nodeSlot[pod];
    }

    void trim() {
        workload = Arrays.copyOf(workload, size);
        ordinal = Arrays.copyOf(ordinal, size);
        node = Arrays.copyOf(node, size);
        gpuStart = Arrays.copyOf(gpuStart, size);
        gpuCount = Arrays.copyOf(gpuCount, size);
        migInstance = Arrays.copyOf(migInstance, size);
        nodeSlot = Arrays.copyOf(nodeSlot, size);
    }
}
