package dev.gpufleet.core.rebalance;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.NodeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/// The fleet as the planner changes it: nodes in name order, free GPUs per (node, resource),
/// the GPU pods on each node, and an index of schedulable nodes by free count per resource
/// (one bit set per count), so "the fullest node that still fits" is a scan of a few words per
/// count rather than of every node. Mutable and single-threaded; one per plan.
final class FleetModel {

    /// Free counts from here up share the top bucket; the exact count is checked on lookup.
    static final int BUCKET_CAP = 128;

    final NodeRecord[] nodes;
    final Health[] health;
    final double[] heat;
    final boolean[] receives;
    final int[] model;
    final List<String> resources;
    final long[][] alloc;
    final long[][] free;
    final int[] gpuPodsBefore;
    final int[] gpuPods;
    final List<List<PodState>> podsOn;
    final List<PodState> pending;
    private final int[] topBucket;
    private final long[][][] buckets;
    private final int words;
    private final Map<PodState.EligibilityKey, long[]> eligibility = new HashMap<>();

    FleetModel(NodeRecord[] nodes, Health[] health, double[] heat, int[] model, List<String> resources, long[][] alloc,
            List<List<PodState>> podsOn, List<PodState> pending) {
        this.nodes = nodes;
        this.health = health;
        this.heat = heat;
        this.model = model;
        this.resources = resources;
        this.podsOn = podsOn;
        this.pending = pending;
        int count = nodes.length;
        this.receives = new boolean[count];
        this.alloc = alloc;
        this.free = new long[count][];
        this.gpuPods = new int[count];
        this.words = (count + 63) / 64;
        this.topBucket = new int[resources.size()];
        for (int n = 0; n < count; n++) {
            receives[n] = NodeFit.receives(nodes[n], health[n]);
            free[n] = alloc[n].clone();
            for (int r = 0; r < resources.size(); r++) {
                topBucket[r] = (int) Math.max(topBucket[r], Math.min(BUCKET_CAP, alloc[n][r]));
            }
        }
        this.buckets = new long[resources.size()][][];
        for (int r = 0; r < resources.size(); r++) {
            buckets[r] = new long[topBucket[r] + 1][words];
        }
        for (int n = 0; n < count; n++) {
            for (int r = 0; r < resources.size(); r++) {
                index(n, r, true);
            }
            for (PodState pod : podsOn.get(n)) {
                take(pod, n);
            }
            gpuPods[n] = podsOn.get(n).size();
        }
        this.gpuPodsBefore = gpuPods.clone();
    }

    int size() {
        return nodes.length;
    }

    String name(int node) {
        return nodes[node].name();
    }

    /// Moves `pod` from where it is to `to` (`-1`: off every node, pending again).
    void move(PodState pod, int to) {
        int from = pod.node;
        if (from >= 0) {
            release(pod, from);
            podsOn.get(from).remove(pod);
            gpuPods[from]--;
        }
        pod.node = to;
        if (to >= 0) {
            take(pod, to);
            podsOn.get(to).add(pod);
            gpuPods[to]++;
        }
    }

    /// Puts a pending pod on `node` in the plan without counting it among the node's pods.
    void reserve(PodState pendingPod, int node) {
        pendingPod.node = node;
        take(pendingPod, node);
    }

    boolean fits(PodState pod, int node) {
        long[] left = free[node];
        for (int i = 0; i < pod.resources.length; i++) {
            if (left[pod.resources[i]] < pod.counts[i]) {
                return false;
            }
        }
        return true;
    }

    /// Whether the node could ever take the pod: state, taints, selector, affinity, GPU model.
    boolean eligible(PodState pod, int node) {
        long[] bits = eligibleBits(pod);
        return (bits[node >>> 6] & (1L << node)) != 0;
    }

    /// The fullest node (fewest free of the pod's largest resource, then first by name) that
    /// fits `pod` and is not in `blocked`; `-1` when none.
    int bestFit(PodState pod, long[] blocked) {
        long[] allowed = eligibleBits(pod);
        int r = pod.resources[0];
        long need = pod.counts[0];
        int top = topBucket[r];
        if (need > top && top < BUCKET_CAP) {
            return -1;
        }
        for (int f = (int) Math.min(need, top); f <= top; f++) {
            long[] bucket = buckets[r][f];
            for (int w = 0; w < words; w++) {
                long bits = bucket[w] & allowed[w] & ~blocked[w];
                while (bits != 0) {
                    int node = (w << 6) + Long.numberOfTrailingZeros(bits);
                    if (fits(pod, node)) {
                        return node;
                    }
                    bits &= bits - 1;
                }
            }
        }
        return -1;
    }

    /// Nodes that could take `pod` but for room, nearest to fitting first (fewest GPUs missing,
    /// then by name), that `accept` takes, at most `limit` of them. Only for a pod of one
    /// resource within the exact buckets; `null` otherwise (then the caller scans every node).
    int @Nullable [] nearlyFitting(PodState pod, int limit, IntPredicate accept) {
        int r = pod.resources[0];
        long need = pod.counts[0];
        if (pod.resources.length != 1 || need > topBucket[r]) {
            return null;
        }
        long[] allowed = eligibleBits(pod);
        int[] found = new int[limit];
        int count = 0;
        for (int f = (int) need - 1; f >= 0 && count < limit; f--) {
            long[] bucket = buckets[r][f];
            for (int w = 0; w < words && count < limit; w++) {
                long bits = bucket[w] & allowed[w];
                while (bits != 0 && count < limit) {
                    int node = (w << 6) + Long.numberOfTrailingZeros(bits);
                    if (alloc[node][r] >= need && accept.test(node)) {
                        found[count++] = node;
                    }
                    bits &= bits - 1;
                }
            }
        }
        return Arrays.copyOf(found, count);
    }

    long[] emptyMask() {
        return new long[words];
    }

    /// Free GPU resource units on the node, over all its GPU resources.
    long freeGpus(int node) {
        long sum = 0;
        for (long left : free[node]) {
            sum += Math.max(0, left);
        }
        return sum;
    }

    /// Free GPUs on schedulable nodes that none of `unfit` (pending pods that fit nowhere) could
    /// use; 0 when there are no such pods. See [Effect].
    long stranded(List<PodState> unfit) {
        if (unfit.isEmpty()) {
            return 0;
        }
        Map<List<Object>, PodState> shapes = new HashMap<>();
        for (PodState pod : unfit) {
            shapes.putIfAbsent(List.of(pod.eligibilityKey(), Arrays.toString(pod.resources),
                    Arrays.toString(pod.counts)), pod);
        }
        List<PodState> distinct = new ArrayList<>(shapes.values());
        long stranded = 0;
        for (int n = 0; n < size(); n++) {
            long left = receives[n] ? freeGpus(n) : 0;
            if (left > 0 && !anyFits(distinct, n)) {
                stranded += left;
            }
        }
        return stranded;
    }

    private boolean anyFits(List<PodState> pods, int node) {
        for (PodState pod : pods) {
            if (eligible(pod, node) && fits(pod, node)) {
                return true;
            }
        }
        return false;
    }

    /// Places each pending pod that fits somewhere as it is, in order, as the scheduler soon
    /// will; returns those that fit nowhere.
    List<PodState> scheduleFitting(List<PodState> pods) {
        List<PodState> unfit = new ArrayList<>();
        long[] none = emptyMask();
        for (PodState pod : pods) {
            int node = bestFit(pod, none);
            if (node >= 0) {
                reserve(pod, node);
            } else {
                unfit.add(pod);
            }
        }
        return unfit;
    }

    private void take(PodState pod, int node) {
        for (int i = 0; i < pod.resources.length; i++) {
            setFree(node, pod.resources[i], free[node][pod.resources[i]] - pod.counts[i]);
        }
    }

    private void release(PodState pod, int node) {
        for (int i = 0; i < pod.resources.length; i++) {
            setFree(node, pod.resources[i], free[node][pod.resources[i]] + pod.counts[i]);
        }
    }

    private void setFree(int node, int r, long value) {
        index(node, r, false);
        free[node][r] = value;
        index(node, r, true);
    }

    private void index(int node, int r, boolean set) {
        if (!receives[node]) {
            return;
        }
        int bucket = (int) Math.clamp(free[node][r], 0, topBucket[r]);
        long bit = 1L << node;
        if (set) {
            buckets[r][bucket][node >>> 6] |= bit;
        } else {
            buckets[r][bucket][node >>> 6] &= ~bit;
        }
    }

    private long[] eligibleBits(PodState pod) {
        long[] bits = pod.eligible;
        if (bits == null) {
            bits = eligibility.computeIfAbsent(pod.eligibilityKey(), key -> computeEligible(pod));
            pod.eligible = bits;
        }
        return bits;
    }

    private long[] computeEligible(PodState pod) {
        long[] bits = new long[words];
        for (int n = 0; n < size(); n++) {
            if (receives[n] && (pod.model < 0 || model[n] == pod.model)
                    && pod.record.scheduling().toleratesAll(nodes[n].taints())
                    && pod.record.scheduling().selects(nodes[n].name(), nodes[n].labels())) {
                bits[n >>> 6] |= 1L << n;
            }
        }
        return bits;
    }
}
