package dev.gpufleet.core.drain;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/// How to drain, in `kubectl drain`'s terms where it has them.
///
/// @param force              also evict pods no controller owns (`--force`): nothing recreates them
/// @param deleteEmptyDirData also evict pods with `emptyDir` volumes, whose data is lost (`--delete-emptydir-data`)
/// @param gracePeriod        overrides each pod's termination grace period (`--grace-period`); empty keeps the pod's own
/// @param timeout            gives up after this long, leaving the node cordoned (`--timeout`); zero waits forever
/// @param dryRun             plans and checks with the server's dry run; changes nothing
/// @param scope              which pods: the whole node, or only those on one GPU or MIG instance
public record DrainOptions(
        boolean force,
        boolean deleteEmptyDirData,
        Optional<Duration> gracePeriod,
        Duration timeout,
        boolean dryRun,
        GpuScope scope) {

    /// kubectl waits 5 s before asking again after a PodDisruptionBudget refused an eviction.
    public static final Duration BLOCKED_RETRY = Duration.ofSeconds(5);

    public DrainOptions {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(scope, "scope");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("The drain timeout must not be negative, got " + timeout);
        }
        if (gracePeriod.isPresent() && gracePeriod.get().isNegative()) {
            throw new IllegalArgumentException("The grace period must not be negative, got " + gracePeriod.get());
        }
    }

    /// kubectl drain's defaults (but DaemonSet pods are always skipped): no force, keep
    /// emptyDir pods, the pods' own grace periods, no timeout, the whole node.
    public static DrainOptions defaults() {
        return new DrainOptions(false, false, Optional.empty(), Duration.ZERO, false, GpuScope.wholeNode());
    }

    public DrainOptions withForce(boolean value) {
        return new DrainOptions(value, deleteEmptyDirData, gracePeriod, timeout, dryRun, scope);
    }

    public DrainOptions withDeleteEmptyDirData(boolean value) {
        return new DrainOptions(force, value, gracePeriod, timeout, dryRun, scope);
    }

    public DrainOptions withGracePeriod(Duration value) {
        return new DrainOptions(force, deleteEmptyDirData, Optional.of(value), timeout, dryRun, scope);
    }

    public DrainOptions withTimeout(Duration value) {
        return new DrainOptions(force, deleteEmptyDirData, gracePeriod, value, dryRun, scope);
    }

    public DrainOptions withDryRun(boolean value) {
        return new DrainOptions(force, deleteEmptyDirData, gracePeriod, timeout, value, scope);
    }

    public DrainOptions withScope(GpuScope value) {
        return new DrainOptions(force, deleteEmptyDirData, gracePeriod, timeout, dryRun, value);
    }

    /// The grace period in whole seconds for the Eviction's delete options, if overridden.
    public OptionalInt gracePeriodSeconds() {
        return gracePeriod.map(d -> OptionalInt.of((int) d.toSeconds())).orElse(OptionalInt.empty());
    }

    /// Which pods a drain takes: all of the node's, or only those using one GPU (by index) or
    /// one MIG instance of it (by GPU instance id).
    public record GpuScope(OptionalInt gpu, OptionalInt migInstance) {

        public GpuScope {
            if (migInstance.isPresent() && gpu.isEmpty()) {
                throw new IllegalArgumentException("a MIG instance is chosen within a GPU: give the GPU too");
            }
        }

        public static GpuScope wholeNode() {
            return new GpuScope(OptionalInt.empty(), OptionalInt.empty());
        }

        public static GpuScope gpu(int index) {
            return new GpuScope(OptionalInt.of(index), OptionalInt.empty());
        }

        public static GpuScope migInstance(int gpu, int gpuInstanceId) {
            return new GpuScope(OptionalInt.of(gpu), OptionalInt.of(gpuInstanceId));
        }

        public boolean isWholeNode() {
            return gpu.isEmpty();
        }

        /// Whether a pod using `placements` is in scope.
        public boolean covers(java.util.List<GpuPlacement> placements) {
            if (isWholeNode()) {
                return true;
            }
            return placements.stream().anyMatch(p -> p.gpu() == gpu.getAsInt()
                    && (migInstance.isEmpty() || p.migInstance().equals(migInstance)));
        }

        @Override
        public String toString() {
            if (isWholeNode()) {
                return "the whole node";
            }
            return "GPU " + gpu.getAsInt() + (migInstance.isPresent() ? " MIG instance " + migInstance.getAsInt() : "");
        }
    }
}
