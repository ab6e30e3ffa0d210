package dev.gpufleet.views;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.store.FleetSnapshot;
import dev.gpufleet.views.details.GpuDetailsViewModel;
import dev.gpufleet.views.device.DeviceViewModel;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.heatmap.HeatmapOptions;
import dev.gpufleet.views.status.StatusBarViewModel;
import dev.gpufleet.views.time.GpuTimeModel;
import dev.gpufleet.views.time.HistoryAccess;
import dev.gpufleet.views.time.TimeScrubberModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// The fleet screen's state and commands; knows no `Node`.
///
/// It pulls the newest [FleetSnapshot] from the supplier on each animation pulse while
/// [#start]ed (the screen starts it when shown and stops it when removed) and publishes it only
/// when its version changed; the clock-dependent texts (ages, staleness) move once a second.
/// [#refreshNow] does the same at once, for tests and headless screenshots.
public final class FleetViewModel {

    /// Readings older than this are drawn as stale, where a cluster's scrape interval is unknown.
    public static final Duration STALE_AFTER = Duration.ofSeconds(60);
    /// A reading older than this many of its cluster's scrape intervals is stale: one late
    /// round is normal, three mean the exporter or the source is down.
    public static final int STALE_INTERVALS = 3;
    private static final long TICK_NANOS = 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(FleetViewModel.class);

    private final Supplier<FleetSnapshot> source;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<FleetSnapshot> snapshot;
    private final ReadOnlyObjectWrapper<Instant> now;
    private final ReadOnlyObjectWrapper<HeatmapMetric> metric =
            new ReadOnlyObjectWrapper<>(this, "metric", HeatmapMetric.UTILIZATION);
    private final ReadOnlyObjectWrapper<@Nullable GpuSelection> selectedGpu =
            new ReadOnlyObjectWrapper<>(this, "selectedGpu");
    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(this, "theme", Theme.DARK);
    private final Function<String, Optional<Duration>> scrapeInterval;
    private final GpuDetailsViewModel details;
    private final StatusBarViewModel status;
    private final DeviceViewModel device;
    private final HeatmapOptions heatmapOptions = new HeatmapOptions();
    private HistoryAccess history = HistoryAccess.NONE;
    private Executor fx = Runnable::run;
    private TimeScrubberModel time = new TimeScrubberModel(HistoryAccess.NONE, this::showReplay, Runnable::run);
    private @Nullable FleetSnapshot replayed;
    private @Nullable AnimationTimer timer;
    private long lastTickNanos;

    /// `source` is read on the FX thread at every pulse (the app passes `fleetStore::current`);
    /// `clock` says what "now" is for ages and staleness.
    public FleetViewModel(Supplier<FleetSnapshot> source, Clock clock) {
        this(source, clock, cluster -> Optional.empty());
    }

    /// As [#FleetViewModel(Supplier, Clock)], with each cluster's scrape interval (empty where
    /// unknown), so its readings go stale after [#STALE_INTERVALS] of them.
    public FleetViewModel(Supplier<FleetSnapshot> source, Clock clock,
                          Function<String, Optional<Duration>> scrapeInterval) {
        this(source, clock, scrapeInterval, new DeviceViewModel());
    }

    /// As [#FleetViewModel(Supplier, Clock, Function)], with the device view's model (which
    /// the app gives the store's history so the engine heatmap opens filled).
    public FleetViewModel(Supplier<FleetSnapshot> source, Clock clock,
                          Function<String, Optional<Duration>> scrapeInterval, DeviceViewModel device) {
        this.device = Objects.requireNonNull(device, "device");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scrapeInterval = Objects.requireNonNull(scrapeInterval, "scrapeInterval");
        this.details = new GpuDetailsViewModel(this::staleAfter);
        this.status = new StatusBarViewModel(this::staleAfter);
        Instant start = clock.instant();
        this.snapshot = new ReadOnlyObjectWrapper<>(this, "snapshot", FleetSnapshot.empty(start));
        this.now = new ReadOnlyObjectWrapper<>(this, "now", start);
        status.update(snapshot.get(), start);
    }

    /// Starts pulling snapshots on every animation pulse (FX thread). Idempotent.
    public void start() {
        if (timer == null) {
            AnimationTimer pulses = new AnimationTimer() {
                @Override
                public void handle(long nanos) {
                    pulse(nanos);
                }
            };
            timer = pulses;
            pulses.start();
            LOG.debug("Fleet view started pulling snapshots");
        }
    }

    /// Stops pulling; the last snapshot stays shown.
    public void stop() {
        AnimationTimer running = timer;
        if (running != null) {
            running.stop();
            timer = null;
            LOG.debug("Fleet view stopped pulling snapshots");
        }
    }

    public boolean isRunning() {
        return timer != null;
    }

    /// Reads the newest snapshot and the clock now, without waiting for a pulse (while the time
    /// scrubber replays the past, the replayed fleet stays).
    public void refreshNow() {
        if (replayed == null) {
            publish(source.get());
            tick();
        }
    }

    /// Lets the time scrubber read `history`; answers arrive through `fx` (the FX thread).
    /// Call before the screen is built.
    public void useHistory(HistoryAccess access, Executor onFx) {
        this.history = Objects.requireNonNull(access, "access");
        this.fx = Objects.requireNonNull(onFx, "onFx");
        time = new TimeScrubberModel(access, this::showReplay, onFx);
    }

    /// A GPU × time heatmap of `gpus` over the history.
    public GpuTimeModel timeOf(List<GpuSelection> gpus) {
        return new GpuTimeModel(history, gpus, fx);
    }

    /// The time scrubber's model.
    public TimeScrubberModel time() {
        return time;
    }

    /// Shows `past` (a fleet the history replays) instead of the live one, with "now" at its
    /// time so staleness reads as it did then; `null` returns to live.
    void showReplay(@Nullable FleetSnapshot past) {
        replayed = past;
        if (past == null) {
            publish(source.get());
            tick();
            return;
        }
        snapshot.set(past);
        now.set(past.time());
        details.show(past, selectedGpu.get(), past.time());
        status.update(past, past.time());
    }

    /// Whether the fleet shown is a replay of the past.
    public boolean isReplaying() {
        return replayed != null;
    }

    /// One animation pulse: publish a newer snapshot if there is one, tick once a second.
    void pulse(long nanos) {
        if (replayed != null) {
            return;
        }
        FleetSnapshot next = source.get();
        if (next.version() != snapshot.get().version()) {
            publish(next);
        }
        if (nanos - lastTickNanos >= TICK_NANOS) {
            lastTickNanos = nanos;
            tick();
        }
    }

    private void publish(FleetSnapshot next) {
        snapshot.set(next);
        Instant at = clock.instant();
        details.show(next, selectedGpu.get(), at);
        status.update(next, at);
        device.accept(next);
    }

    private void tick() {
        Instant at = clock.instant();
        now.set(at);
        details.show(snapshot.get(), selectedGpu.get(), at);
        status.tick(snapshot.get(), at);
    }

    /// How old a reading of `cluster` may be before it is stale: [#STALE_INTERVALS] of its
    /// scrape interval when known, else [#STALE_AFTER].
    public Duration staleAfter(String cluster) {
        return scrapeInterval.apply(cluster).map(interval -> interval.multipliedBy(STALE_INTERVALS))
                .orElse(STALE_AFTER);
    }

    /// Colours the heatmap by `value`.
    public void selectMetric(HeatmapMetric value) {
        metric.set(Objects.requireNonNull(value, "metric"));
    }

    /// Selects the GPU `selection` names (`null` clears); it stays selected across snapshots.
    public void select(@Nullable GpuSelection selection) {
        if (!Objects.equals(selection, selectedGpu.get())) {
            selectedGpu.set(selection);
            details.show(snapshot.get(), selection, now.get());
        }
    }

    public void clearSelection() {
        select(null);
    }

    /// Selects the first FAILING GPU, else the first WARNING one, else the first GPU: a good
    /// starting point for a person, and for screenshots. Returns what was selected.
    public Optional<GpuSelection> selectMostUrgent() {
        HeatmapFrame frame = HeatmapFrame.extract(snapshot.get(), metric.get(), null);
        for (Health wanted : new Health[] {Health.FAILING, Health.WARNING, Health.HEALTHY}) {
            for (int ordinal = 0; ordinal < frame.gpuCount(); ordinal++) {
                if (frame.health(ordinal) == wanted || wanted == Health.HEALTHY) {
                    select(frame.selectionAt(ordinal));
                    return Optional.of(frame.selectionAt(ordinal));
                }
            }
        }
        return Optional.empty();
    }

    public void selectTheme(Theme value) {
        theme.set(Objects.requireNonNull(value, "theme"));
    }

    public void toggleTheme() {
        theme.set(theme.get().toggled());
    }

    /// The newest snapshot shown.
    public ReadOnlyObjectProperty<FleetSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    /// The clock's time, moved about once a second while running.
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<HeatmapMetric> metricProperty() {
        return metric.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<@Nullable GpuSelection> selectedGpuProperty() {
        return selectedGpu.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public GpuDetailsViewModel details() {
        return details;
    }

    /// Opens the device view's model on the selected GPU; empty when none is selected.
    public Optional<GpuSelection> openDeviceView() {
        GpuSelection selection = selectedGpu.get();
        if (selection != null) {
            device.open(selection, snapshot.get());
        }
        return Optional.ofNullable(selection);
    }

    /// The device view's model: follows the GPU last opened with [#openDeviceView()].
    public DeviceViewModel device() {
        return device;
    }

    public StatusBarViewModel status() {
        return status;
    }

    /// Group-by, sort and search of the heatmap.
    public HeatmapOptions heatmapOptions() {
        return heatmapOptions;
    }
}
