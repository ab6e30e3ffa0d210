package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.FleetSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.css.StyleableObjectProperty;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.geometry.Point2D;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import javafx.scene.paint.Color;
import org.jspecify.annotations.Nullable;

/// Every GPU of the fleet as one coloured cell, grouped by cluster and node.
///
/// Set [#snapshotProperty()] to the newest [FleetSnapshot] and pick a [HeatmapMetric]; the
/// control flattens the snapshot into a [HeatmapFrame] (primitive arrays), lays it out with
/// [HeatmapLayout] and draws it with [HeatmapRenderer] into one pixel buffer. There is no node,
/// property or listener per GPU, and hit-testing is arithmetic.
///
/// [#arrangementProperty()] groups nodes by a label, sorts and filters them. Hovering a cell
/// shows a tooltip; clicking selects it ([#selectedGpuProperty()]); Ctrl-click, Shift-click,
/// Shift-drag and Ctrl+A build a multi-selection ([#selectionProperty()]); arrow keys move the
/// selection, Escape clears it. Ctrl+wheel, pinch and `+`/`-` zoom ([#zoomIn()]); wheel,
/// drag and PageUp/PageDown pan. Colours that are not part of a metric's scale come
/// from CSS (`-gf-plate-color`, `-gf-no-telemetry-color`, `-gf-no-telemetry-mark-color`,
/// `-gf-failing-color`, `-gf-warning-color`, `-gf-cordoned-color`, `-gf-selection-color`,
/// `-gf-hover-color`) so themes restyle them; see `fleet-heatmap.css`.
///
/// Frames are built on the FX thread when the property changes, unless [#buildFramesOn] gave
/// a background executor: then frames of fleets of [#BACKGROUND_FROM_GPUS] GPUs or more are
/// built there (newest request only) and shown when done, so a 100,000-GPU snapshot landing
/// never stalls the window; the previous frame stays on screen meanwhile.
public class FleetHeatmap extends Control {

    /// Fleets this big or bigger get their frames built in the background, where allowed.
    public static final int BACKGROUND_FROM_GPUS = 10_000;

    static final String STYLESHEET =
            Objects.requireNonNull(FleetHeatmap.class.getResource("fleet-heatmap.css")).toExternalForm();
    private static final StyleablePropertyFactory<FleetHeatmap> CSS =
            new StyleablePropertyFactory<>(Control.getClassCssMetaData());
    private static final CssMetaData<FleetHeatmap, Color> PLATE =
            colorMeta("-gf-plate-color", s -> s.plateColor, HeatmapPalette.DARK.plate());
    private static final CssMetaData<FleetHeatmap, Color> CORDONED =
            colorMeta("-gf-cordoned-color", s -> s.cordonedColor, HeatmapPalette.DARK.cordonedPlate());
    private static final CssMetaData<FleetHeatmap, Color> NO_TELEMETRY =
            colorMeta("-gf-no-telemetry-color", s -> s.noTelemetryColor, HeatmapPalette.DARK.noTelemetry());
    private static final CssMetaData<FleetHeatmap, Color> NO_TELEMETRY_MARK =
            colorMeta("-gf-no-telemetry-mark-color", s -> s.noTelemetryMarkColor, HeatmapPalette.DARK.noTelemetryMark());
    private static final CssMetaData<FleetHeatmap, Color> FAILING =
            colorMeta("-gf-failing-color", s -> s.failingColor, HeatmapPalette.DARK.failing());
    private static final CssMetaData<FleetHeatmap, Color> WARNING =
            colorMeta("-gf-warning-color", s -> s.warningColor, HeatmapPalette.DARK.warning());
    private static final CssMetaData<FleetHeatmap, Color> SELECTION =
            colorMeta("-gf-selection-color", s -> s.selectionColor, HeatmapPalette.DARK.selection());
    private static final CssMetaData<FleetHeatmap, Color> HOVER =
            colorMeta("-gf-hover-color", s -> s.hoverColor, HeatmapPalette.DARK.hover());

    private final ObjectProperty<FleetSnapshot> snapshot =
            new SimpleObjectProperty<>(this, "snapshot", FleetSnapshot.empty(Instant.EPOCH));
    private final ObjectProperty<HeatmapMetric> metric =
            new SimpleObjectProperty<>(this, "metric", HeatmapMetric.UTILIZATION);
    private final ObjectProperty<@Nullable Instant> now = new SimpleObjectProperty<>(this, "now");
    private final ObjectProperty<Duration> staleAfter =
            new SimpleObjectProperty<>(this, "staleAfter", Duration.ofSeconds(60));
    private final ObjectProperty<@Nullable Function<String, Duration>> staleAfterByCluster =
            new SimpleObjectProperty<>(this, "staleAfterByCluster");
    private final ObjectProperty<HeatmapGeometry> geometry =
            new SimpleObjectProperty<>(this, "geometry", HeatmapGeometry.DEFAULT);
    private final ReadOnlyObjectWrapper<HeatmapFrame> frame =
            new ReadOnlyObjectWrapper<>(this, "frame", HeatmapFrame.empty(HeatmapMetric.UTILIZATION));
    private final ReadOnlyObjectWrapper<@Nullable GpuSelection> selectedGpu =
            new ReadOnlyObjectWrapper<>(this, "selectedGpu");
    private final ReadOnlyIntegerWrapper selectedOrdinal = new ReadOnlyIntegerWrapper(this, "selectedOrdinal", -1);
    private final ReadOnlyIntegerWrapper hoveredOrdinal = new ReadOnlyIntegerWrapper(this, "hoveredOrdinal", -1);
    private final ObjectProperty<HeatmapArrangement> arrangement =
            new SimpleObjectProperty<>(this, "arrangement", HeatmapArrangement.DEFAULT);
    private final ReadOnlyObjectWrapper<HeatmapSelection> selection =
            new ReadOnlyObjectWrapper<>(this, "selection", HeatmapSelection.EMPTY);
    private int anchorOrdinal = -1;
    private @Nullable BackgroundFrames background;
    private final ReadOnlyObjectWrapper<HeatmapPalette> palette =
            new ReadOnlyObjectWrapper<>(this, "palette", HeatmapPalette.DARK);

    private final StyleableObjectProperty<Color> plateColor = colorProperty(PLATE, "plateColor");
    private final StyleableObjectProperty<Color> cordonedColor = colorProperty(CORDONED, "cordonedColor");
    private final StyleableObjectProperty<Color> noTelemetryColor = colorProperty(NO_TELEMETRY, "noTelemetryColor");
    private final StyleableObjectProperty<Color> noTelemetryMarkColor = colorProperty(NO_TELEMETRY_MARK, "noTelemetryMarkColor");
    private final StyleableObjectProperty<Color> failingColor = colorProperty(FAILING, "failingColor");
    private final StyleableObjectProperty<Color> warningColor = colorProperty(WARNING, "warningColor");
    private final StyleableObjectProperty<Color> selectionColor = colorProperty(SELECTION, "selectionColor");
    private final StyleableObjectProperty<Color> hoverColor = colorProperty(HOVER, "hoverColor");

    public FleetHeatmap() {
        getStyleClass().add("fleet-heatmap");
        setFocusTraversable(true);
        snapshot.addListener((obs, old, next) -> rebuildFrame());
        metric.addListener((obs, old, next) -> rebuildFrame());
        arrangement.addListener((obs, old, next) -> rebuildFrame());
        for (StyleableObjectProperty<Color> color : List.of(plateColor, cordonedColor, noTelemetryColor,
                noTelemetryMarkColor, failingColor, warningColor, selectionColor, hoverColor)) {
            color.addListener(obs -> palette.set(readPalette()));
        }
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new FleetHeatmapSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getControlCssMetaData() {
        return getClassCssMetaData();
    }

    /// The fleet to draw; the control redraws whenever a different snapshot is set.
    public ObjectProperty<FleetSnapshot> snapshotProperty() {
        return snapshot;
    }

    public FleetSnapshot getSnapshot() {
        return snapshot.get();
    }

    public void setSnapshot(FleetSnapshot value) {
        snapshot.set(Objects.requireNonNull(value, "snapshot"));
    }

    /// The metric that colours the cells.
    public ObjectProperty<HeatmapMetric> metricProperty() {
        return metric;
    }

    public HeatmapMetric getMetric() {
        return metric.get();
    }

    public void setMetric(HeatmapMetric value) {
        metric.set(Objects.requireNonNull(value, "metric"));
    }

    /// The time staleness is judged against; `null` uses the snapshot's own time.
    public ObjectProperty<@Nullable Instant> nowProperty() {
        return now;
    }

    /// Readings older than this are drawn dimmed (for clusters [#staleAfterByClusterProperty]
    /// gives no other age).
    public ObjectProperty<Duration> staleAfterProperty() {
        return staleAfter;
    }

    /// Each cluster's own stale age (e.g. three of its scrape intervals); `null` uses
    /// [#staleAfterProperty] for all.
    public ObjectProperty<@Nullable Function<String, Duration>> staleAfterByClusterProperty() {
        return staleAfterByCluster;
    }

    /// How old a reading of `cluster` may be before it is drawn stale.
    public Duration staleAfter(String cluster) {
        Function<String, Duration> byCluster = staleAfterByCluster.get();
        return byCluster == null ? staleAfter.get() : byCluster.apply(cluster);
    }

    /// How nodes are grouped, sorted and filtered.
    public ObjectProperty<HeatmapArrangement> arrangementProperty() {
        return arrangement;
    }

    public HeatmapArrangement getArrangement() {
        return arrangement.get();
    }

    public void setArrangement(HeatmapArrangement value) {
        arrangement.set(Objects.requireNonNull(value, "arrangement"));
    }

    /// Zooms in one step (larger cells), keeping the centre of the view in place.
    public void zoomIn() {
        zoomTo(HeatmapGeometry.zoomStep(getGeometry().cellSize(), 1));
    }

    /// Zooms out one step (smaller cells).
    public void zoomOut() {
        zoomTo(HeatmapGeometry.zoomStep(getGeometry().cellSize(), -1));
    }

    /// Shows cells of `cellSize` pixels (see [HeatmapGeometry#forCellSize]).
    public void zoomTo(int cellSize) {
        setGeometry(HeatmapGeometry.forCellSize(cellSize));
    }

    /// Cell and gap sizes; zooming sets this.
    public ObjectProperty<HeatmapGeometry> geometryProperty() {
        return geometry;
    }

    public HeatmapGeometry getGeometry() {
        return geometry.get();
    }

    public void setGeometry(HeatmapGeometry value) {
        geometry.set(Objects.requireNonNull(value, "geometry"));
    }

    /// The snapshot flattened for drawing, rebuilt on every new snapshot or metric.
    public ReadOnlyObjectProperty<HeatmapFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public HeatmapFrame getFrame() {
        return frame.get();
    }

    /// Number of GPU cells drawn.
    public int cellCount() {
        return frame.get().gpuCount();
    }

    /// The GPU picked by click, keys or [#select]; `null` for none. It survives new snapshots
    /// (it names cluster, node and index), even while that GPU is briefly missing.
    public ReadOnlyObjectProperty<@Nullable GpuSelection> selectedGpuProperty() {
        return selectedGpu.getReadOnlyProperty();
    }

    public @Nullable GpuSelection getSelectedGpu() {
        return selectedGpu.get();
    }

    /// The ordinal of the selected GPU in the current frame, -1 when none is shown.
    public ReadOnlyIntegerProperty selectedOrdinalProperty() {
        return selectedOrdinal.getReadOnlyProperty();
    }

    public int getSelectedOrdinal() {
        return selectedOrdinal.get();
    }

    /// The ordinal under the mouse, -1 for none.
    public ReadOnlyIntegerProperty hoveredOrdinalProperty() {
        return hoveredOrdinal.getReadOnlyProperty();
    }

    /// The non-scale colours as CSS set them, for a legend that must match.
    public ReadOnlyObjectProperty<HeatmapPalette> paletteProperty() {
        return palette.getReadOnlyProperty();
    }

    /// Every selected GPU (the multi-selection, which includes [#selectedGpuProperty()]'s);
    /// read-only, a new value on every change.
    public ReadOnlyObjectProperty<HeatmapSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    public HeatmapSelection getSelection() {
        return selection.get();
    }

    /// Selects only the GPU `selection` names (kept even when it is not in the current
    /// snapshot); a no-op when it is already the focused one, so a view model echoing the
    /// control's own choice back leaves a multi-selection alone.
    public void select(@Nullable GpuSelection selection) {
        if (Objects.equals(selection, selectedGpu.get())) {
            return;
        }
        if (selection == null) {
            clearSelection();
            return;
        }
        int ordinal = frame.get().ordinalOf(selection);
        selectedGpu.set(ordinal >= 0 ? frame.get().selectionAt(ordinal) : selection);
        selectedOrdinal.set(ordinal);
        anchorOrdinal = ordinal;
        setSelected(ordinal >= 0 ? bits(ordinal) : new BitSet());
    }

    /// Selects only the GPU at `ordinal` of the current frame.
    public void selectOrdinal(int ordinal) {
        focus(ordinal);
        anchorOrdinal = ordinal;
        setSelected(bits(ordinal));
    }

    /// Adds `ordinal` to the selection or takes it out (Ctrl-click); it becomes the focus.
    public void toggleOrdinal(int ordinal) {
        BitSet next = selection.get().bits();
        next.flip(ordinal);
        focus(ordinal);
        anchorOrdinal = ordinal;
        setSelected(next);
    }

    /// Selects every GPU from the last clicked one to `ordinal` in heatmap order (Shift-click);
    /// `extend` keeps what was selected before (Ctrl+Shift-click).
    public void selectRange(int ordinal, boolean extend) {
        int anchor = anchorOrdinal >= 0 && anchorOrdinal < cellCount() ? anchorOrdinal : ordinal;
        BitSet next = extend ? selection.get().bits() : new BitSet();
        next.set(Math.min(anchor, ordinal), Math.max(anchor, ordinal) + 1);
        focus(ordinal);
        setSelected(next);
    }

    /// Adds `ordinals` to the selection, or replaces it with them (rubber band).
    public void selectOrdinals(BitSet ordinals, boolean extend) {
        BitSet next = extend ? selection.get().bits() : new BitSet();
        next.or(ordinals);
        setSelected(next);
    }

    /// Selects every GPU shown, i.e. every GPU the filter lets through (Ctrl+A).
    public void selectAll() {
        BitSet all = new BitSet(cellCount());
        all.set(0, cellCount());
        setSelected(all);
    }

    public void clearSelection() {
        selectedGpu.set(null);
        selectedOrdinal.set(-1);
        anchorOrdinal = -1;
        setSelected(new BitSet());
    }

    private void focus(int ordinal) {
        Objects.checkIndex(ordinal, cellCount());
        selectedGpu.set(frame.get().selectionAt(ordinal));
        selectedOrdinal.set(ordinal);
    }

    private void setSelected(BitSet ordinals) {
        selection.set(HeatmapSelection.of(frame.get(), ordinals));
    }

    private static BitSet bits(int ordinal) {
        BitSet bits = new BitSet();
        bits.set(ordinal);
        return bits;
    }

    /// The current layout, once the control has been sized; `null` before.
    public @Nullable HeatmapLayout getHeatmapLayout() {
        return getSkin() instanceof FleetHeatmapSkin skin ? skin.layout() : null;
    }

    /// Scrolls `ordinal`'s cell into view and returns its centre in this control's coordinates.
    public Optional<Point2D> revealCell(int ordinal) {
        return getSkin() instanceof FleetHeatmapSkin skin ? skin.reveal(ordinal) : Optional.empty();
    }

    /// The reference time for staleness: [#nowProperty()] or, unset, the snapshot's time.
    Instant effectiveNow() {
        Instant set = now.get();
        return set != null ? set : snapshot.get().time();
    }

    void setHoveredOrdinal(int ordinal) {
        hoveredOrdinal.set(ordinal);
    }

    /// Builds frames of fleets of at least `fromGpus` GPUs on `executor` and shows them through
    /// `fx` (the FX thread); smaller fleets keep being built on the FX thread at once.
    public void buildFramesOn(Executor executor, Executor fx, int fromGpus) {
        background = new BackgroundFrames(executor, fx, fromGpus, this::show);
    }

    /// Whether a frame is being built in the background, or waits to be.
    public boolean isBuildingFrame() {
        BackgroundFrames builder = background;
        return builder != null && builder.busy();
    }

    private void rebuildFrame() {
        BackgroundFrames builder = background;
        if (builder == null || !builder.request(frame.get(), snapshot.get(), metric.get(), arrangement.get())) {
            show(frame.get().next(snapshot.get(), metric.get(), arrangement.get()));
        }
    }

    private void show(HeatmapFrame next) {
        HeatmapFrame previous = frame.get();
        HeatmapSelection carried = selection.get().remapTo(next);
        if (anchorOrdinal >= 0 && next.topology() != previous.topology()) {
            anchorOrdinal = anchorOrdinal < previous.gpuCount() ? next.ordinalOf(previous.selectionAt(anchorOrdinal)) : -1;
        }
        selection.set(carried);
        frame.set(next);
        GpuSelection focused = selectedGpu.get();
        if (focused != null) {
            int ordinal = next.ordinalOf(focused);
            selectedOrdinal.set(ordinal);
            if (ordinal >= 0) {
                selectedGpu.set(next.selectionAt(ordinal));
            }
        }
    }

    private HeatmapPalette readPalette() {
        return new HeatmapPalette(pre(plateColor), pre(cordonedColor), pre(noTelemetryColor),
                pre(noTelemetryMarkColor), pre(failingColor), pre(warningColor), pre(selectionColor), pre(hoverColor));
    }

    private static int pre(StyleableObjectProperty<Color> property) {
        Color c = property.getValue();
        return HeatmapPalette.premultiply(HeatmapPalette.argb(c.getRed(), c.getGreen(), c.getBlue(), c.getOpacity()));
    }

    private StyleableObjectProperty<Color> colorProperty(CssMetaData<FleetHeatmap, Color> meta, String name) {
        return new SimpleStyleableObjectProperty<>(meta, this, name, meta.getInitialValue(this));
    }

    private static CssMetaData<FleetHeatmap, Color> colorMeta(
            String cssName, Function<FleetHeatmap, StyleableProperty<Color>> getter, int premultipliedDefault) {
        return CSS.createColorCssMetaData(cssName, getter, toColor(premultipliedDefault), false);
    }

    private static Color toColor(int premultiplied) {
        double alpha = (premultiplied >>> 24) / 255.0;
        if (alpha == 0) {
            return Color.TRANSPARENT;
        }
        return Color.rgb(channel(premultiplied >> 16, alpha), channel(premultiplied >> 8, alpha),
                channel(premultiplied, alpha), alpha);
    }

    private static int channel(int value, double alpha) {
        return (int) Math.min(255, Math.round((value & 0xFF) / alpha));
    }
}
