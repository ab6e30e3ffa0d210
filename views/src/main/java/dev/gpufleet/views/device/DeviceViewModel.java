package dev.gpufleet.views.device;

import dev.gpufleet.core.history.GpuKey;
import dev.gpufleet.core.history.HistoryReader;
import dev.gpufleet.core.mig.AmdPartitioning;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.views.heatmap.GpuSelection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The device view's state for one GPU; knows no `Node`.
///
/// [#open] pins a GPU; every snapshot given to [#accept] then redraws its slice picture and
/// adds its engine readings to a ring of the last [#WINDOW] (one column per [#RESOLUTION]).
/// Each MIG instance (or AMD partition) has a ring too; [#focusInstance] picks whose engines
/// are shown. On opening, the whole GPU's ring is seeded from the fleet's stored history where the store keeps the
/// metric, so the heatmap does not start empty; a row no source reports stays "not reported".
public final class DeviceViewModel {

    /// How far back the engine heatmap reaches.
    public static final Duration WINDOW = Duration.ofMinutes(10);
    /// One heatmap column per this much time (the store's default resolution).
    public static final Duration RESOLUTION = Duration.ofSeconds(10);
    private static final int COLUMNS = (int) (WINDOW.toMillis() / RESOLUTION.toMillis());
    private static final String WHOLE_GPU = "the whole GPU";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceViewModel.class);

    private final HistoryQueries history;
    private final Executor fxThread;
    private final ReadOnlyObjectWrapper<@Nullable GpuSelection> gpu = new ReadOnlyObjectWrapper<>(this, "gpu");
    private final ReadOnlyObjectWrapper<DevicePicture> picture = new ReadOnlyObjectWrapper<>(this, "picture",
            DevicePicture.none("No GPU opened", "Select a GPU and open its device view."));
    private final ReadOnlyObjectWrapper<List<EngineRow>> rows =
            new ReadOnlyObjectWrapper<>(this, "rows", EngineRow.NVIDIA);
    private final ReadOnlyObjectWrapper<EngineFrame> engines = new ReadOnlyObjectWrapper<>(this, "engines",
            EngineFrame.empty(EngineRow.NVIDIA.size(), COLUMNS, RESOLUTION));
    private final ReadOnlyIntegerWrapper focus = new ReadOnlyIntegerWrapper(this, "focus", EngineRings.DEVICE);
    private final ReadOnlyStringWrapper engineSubject = new ReadOnlyStringWrapper(this, "engineSubject", WHOLE_GPU);
    private EngineRings rings = new EngineRings(EngineRow.NVIDIA, COLUMNS, RESOLUTION);
    private @Nullable Instant lastSampled;
    private long generation;

    /// `history` seeds the heatmap; `fxThread` runs the seed's result on the FX thread
    /// (`Platform::runLater` in the app, `Runnable::run` in tests).
    public DeviceViewModel(HistoryQueries history, Executor fxThread) {
        this.history = Objects.requireNonNull(history, "history");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    /// A view model without stored history, updating on the calling thread.
    public DeviceViewModel() {
        this(HistoryQueries.none(), Runnable::run);
    }

    /// Shows `selection` as `snapshot` has it, with a fresh engine history.
    public void open(GpuSelection selection, FleetSnapshot snapshot) {
        Objects.requireNonNull(selection, "selection");
        generation++;
        lastSampled = null;
        gpu.set(selection);
        Optional<GpuSnapshot> found = find(snapshot, selection).map(Found::gpu);
        List<EngineRow> chosen = found.map(g -> g.model() != null && AmdPartitioning.isAmdInstinct(g.model())
                ? EngineRow.AMD : EngineRow.NVIDIA).orElse(EngineRow.NVIDIA);
        rows.set(chosen);
        rings = new EngineRings(chosen, COLUMNS, RESOLUTION);
        focus.set(EngineRings.DEVICE);
        engineSubject.set(WHOLE_GPU);
        engines.set(rings.device().frame());
        accept(snapshot);
        found.ifPresent(g -> seed(selection, g, chosen, generation));
    }

    /// Stops following the GPU.
    public void close() {
        generation++;
        gpu.set(null);
        picture.set(DevicePicture.none("No GPU opened", "Select a GPU and open its device view."));
    }

    /// Takes a new snapshot: redraws the picture and records the GPU's newest readings once.
    public void accept(FleetSnapshot snapshot) {
        GpuSelection selection = gpu.get();
        if (selection == null) {
            return;
        }
        Optional<Found> found = find(snapshot, selection);
        if (found.isEmpty()) {
            picture.set(DevicePicture.none(selection.node() + " · GPU " + selection.index(),
                    "This GPU is not in the latest snapshot of " + selection.cluster()
                            + " — the node may have been removed, or the cluster is still syncing."));
            return;
        }
        GpuSnapshot current = found.get().gpu();
        DevicePicture next = DevicePictures.of(found.get().node().name(), current);
        if (!next.equals(picture.get())) {
            picture.set(next);
        }
        Instant sampled = current.sampledAt();
        if (sampled != null && !sampled.equals(lastSampled)) {
            lastSampled = sampled;
            rings.record(current, sampled);
            if (!rings.has(focus.get())) {
                focusInstance(EngineRings.DEVICE);
            }
            engines.set(rings.of(focus.get()).frame());
        }
    }

    /// Shows the engines of MIG instance (or AMD partition) `instanceId`, or of the whole GPU
    /// for -1. Instances have only live history: the store keeps whole GPUs.
    public void focusInstance(int instanceId) {
        int target = rings.has(instanceId) ? instanceId : EngineRings.DEVICE;
        focus.set(target);
        engineSubject.set(target == EngineRings.DEVICE ? WHOLE_GPU : picture.get().blocks().stream()
                .filter(b -> b.instanceId() == target).map(DeviceBlock::title).findFirst()
                .orElse("instance " + target));
        engines.set(rings.of(target).frame());
    }

    private void seed(GpuSelection selection, GpuSnapshot current, List<EngineRow> list, long asOf) {
        String id = current.uuid() == null || current.uuid().isBlank() ? "#" + current.index() : current.uuid();
        GpuKey key = new GpuKey(selection.cluster(), selection.node(), id);
        EngineRings target = rings;
        history.readHistory(reader -> Seed.read(reader, key, list, COLUMNS * RESOLUTION.toMillis()))
                .thenAcceptAsync(seed -> {
                    if (asOf == generation && target == rings && seed.apply(target.device())
                            && focus.get() == EngineRings.DEVICE) {
                        engines.set(target.device().frame());
                    }
                }, fxThread)
                .exceptionally(failed -> {
                    LOG.debug("No stored history to seed the device view of {}: {}", selection, failed.getMessage());
                    return null;
                });
    }

    private static Optional<Found> find(FleetSnapshot snapshot, GpuSelection selection) {
        return snapshot.cluster(selection.cluster()).flatMap(c -> c.node(selection.node()))
                .flatMap(node -> node.gpus().stream().filter(g -> g.index() == selection.index()).findFirst()
                        .map(g -> new Found(node, g)));
    }

    private record Found(NodeSnapshot node, GpuSnapshot gpu) {
    }

    /// Stored values copied out on the store's thread: per row, one value per stored tick from
    /// `first` on (`null` rows are not stored).
    private record Seed(Instant first, Duration step, double[] @Nullable [] values) {

        static Seed read(HistoryReader reader, GpuKey key, List<EngineRow> rows, long windowMillis) {
            int slot = reader.slotOf(key);
            long newest = reader.newestTick();
            double[] @Nullable [] values = new double[rows.size()][];
            if (slot < 0 || newest == Long.MIN_VALUE) {
                return new Seed(Instant.EPOCH, reader.config().resolution(), values);
            }
            long span = Math.max(1, windowMillis / reader.config().resolutionMillis());
            long from = Math.max(reader.oldestTick(), newest - span + 1);
            for (int row = 0; row < rows.size(); row++) {
                if (reader.tracks(rows.get(row).metric())) {
                    values[row] = new double[(int) (newest - from + 1)];
                    reader.read(slot, rows.get(row).metric(), from, newest, values[row]);
                }
            }
            return new Seed(reader.timeOf(from), reader.config().resolution(), values);
        }

        /// Writes into `ring`; whether anything was there to write.
        boolean apply(EngineHistory ring) {
            boolean any = false;
            for (int row = 0; row < values.length; row++) {
                double[] series = values[row];
                if (series == null) {
                    continue;
                }
                for (int i = 0; i < series.length; i++) {
                    if (!Double.isNaN(series[i])) {
                        ring.put(ring.tickOf(first.plus(step.multipliedBy(i))), row, series[i]);
                        any = true;
                    }
                }
            }
            return any;
        }
    }

    /// The GPU shown, or `null` when none is open.
    public ReadOnlyObjectProperty<@Nullable GpuSelection> gpuProperty() {
        return gpu.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DevicePicture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /// The engine heatmap's rows for this GPU's vendor.
    public ReadOnlyObjectProperty<List<EngineRow>> rowsProperty() {
        return rows.getReadOnlyProperty();
    }

    /// The engines shown: of the instance in focus, else of the whole GPU.
    public ReadOnlyObjectProperty<EngineFrame> enginesProperty() {
        return engines.getReadOnlyProperty();
    }

    /// The instance whose engines are shown, -1 for the whole GPU.
    public ReadOnlyIntegerProperty focusProperty() {
        return focus.getReadOnlyProperty();
    }

    /// Whose engines are shown, for people: `the whole GPU` or an instance's title.
    public ReadOnlyStringProperty engineSubjectProperty() {
        return engineSubject.getReadOnlyProperty();
    }
}
