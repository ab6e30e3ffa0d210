package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.fx.NewestOnly;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/// Builds [FleetHeatmap]'s frames of big fleets off the FX thread: a request for a fleet of at
/// least `fromGpus` GPUs (before or after) is built on `executor`, newest request only, and the
/// frame handed to `show` on the FX thread unless a newer request came meanwhile; smaller
/// fleets are left to the caller to build at once.
final class BackgroundFrames {

    private final NewestOnly<Request, HeatmapFrame> builds;
    private final int fromGpus;
    /// The last frame built here: the base of the next incremental build (which reuses the
    /// nodes that did not change), possibly newer than the frame shown. Builds run one at a time.
    private volatile @Nullable HeatmapFrame lastBuilt;
    private long requested;

    /// What one frame is built from; `id` orders requests, so only the newest is shown.
    private record Request(long id, HeatmapFrame shown, FleetSnapshot snapshot, HeatmapMetric metric,
                           HeatmapArrangement arrangement) {
    }

    BackgroundFrames(Executor executor, Executor fx, int fromGpus, Consumer<HeatmapFrame> show) {
        this.fromGpus = fromGpus;
        this.builds = new NewestOnly<>("Building the heatmap frame", this::build, (request, built) -> {
            if (request.id() == requested) {
                show.accept(built);
            }
        }, executor, fx);
    }

    /// On the FX thread: takes the request and returns `true` when the fleet is big enough to
    /// build in the background; returns `false` (and forgets older requests) when the caller
    /// should build it now.
    boolean request(HeatmapFrame shown, FleetSnapshot snapshot, HeatmapMetric metric,
                    HeatmapArrangement arrangement) {
        requested++;
        if (Math.max(snapshot.gpuCount(), shown.gpuCount()) < fromGpus) {
            lastBuilt = null;
            return false;
        }
        builds.submit(new Request(requested, shown, snapshot, metric, arrangement));
        return true;
    }

    /// Whether a frame is being built or waits to be.
    boolean busy() {
        return builds.busy();
    }

    private HeatmapFrame build(Request request) {
        HeatmapFrame base = lastBuilt;
        HeatmapFrame built = (base == null ? request.shown() : base)
                .next(request.snapshot(), request.metric(), request.arrangement());
        lastBuilt = built;
        return built;
    }
}
