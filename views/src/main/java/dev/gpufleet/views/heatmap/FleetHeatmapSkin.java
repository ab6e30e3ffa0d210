package dev.gpufleet.views.heatmap;

import java.nio.IntBuffer;
import java.time.Instant;
import java.util.BitSet;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SkinBase;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.shape.Rectangle;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/// Draws a [FleetHeatmap] through one `PixelBuffer<IntBuffer>` sized to the visible area.
///
/// Only the viewport is rendered (the scroll bars move the window over the layout), so the
/// buffer stays screen-sized however big the fleet is. The control scrolls itself rather than
/// sitting in a `ScrollPane`: zoom keeps the cell under the pointer in place, and the
/// horizontal bar appears only when zoomed plates are wider than the view. Layout is recomputed only when the
/// fleet's shape, the width, the geometry or the screen scale changes; data, hover, selection
/// and clock changes just repaint.
final class FleetHeatmapSkin extends SkinBase<FleetHeatmap> {

    private static final double MIN_SIDE = 80;
    private static final double PREF_WIDTH = 640;

    private final ImageView image = new ImageView();
    private final ScrollBar scrollBar = new ScrollBar();
    private final ScrollBar hScrollBar = new ScrollBar();
    private final Rectangle band = new Rectangle();
    private final Label placeholder = new Label("Waiting for GPUs to report…");
    private final Rectangle clip = new Rectangle();
    private final HeatmapLabels labels = new HeatmapLabels();
    private final HeatmapTooltip tooltip;
    private final HeatmapInput input;

    private @Nullable HeatmapLayout layout;
    private @Nullable PixelBuffer<IntBuffer> buffer;
    private int[] pixels = new int[0];
    private int bufferWidth;
    private int bufferHeight;
    private double scale = 1;
    private boolean dirty = true;
    /// Whether a pass placing the labels still missing is asked for.
    private boolean morePending;
    /// A cell to keep at a view point across the next layout (zoom): ordinal, x, y.
    private int anchorOrdinal = -1;
    private double anchorX;
    private double anchorY;

    FleetHeatmapSkin(FleetHeatmap control) {
        super(control);
        tooltip = new HeatmapTooltip(control);
        input = new HeatmapInput(control, this, tooltip);
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.setVisible(false);
        hScrollBar.setVisible(false);
        hScrollBar.setManaged(false);
        band.setManaged(false);
        band.setVisible(false);
        band.setMouseTransparent(true);
        band.getStyleClass().add("rubber-band");
        placeholder.getStyleClass().add("placeholder");
        image.setSmooth(false);
        image.setPreserveRatio(false);
        image.setMouseTransparent(true);
        // Positioned by layoutChildren; unmanaged so the image never props the control's size up.
        image.setManaged(false);
        scrollBar.setManaged(false);
        placeholder.setManaged(false);
        getChildren().addAll(image, labels.pane(), band, scrollBar, hScrollBar, placeholder);
        labels.pane().setClip(clip);
        registerChangeListener(control.frameProperty(), e -> frameChanged());
        registerChangeListener(control.geometryProperty(), e -> relayout());
        registerChangeListener(control.selectedOrdinalProperty(), e -> repaint());
        registerChangeListener(control.hoveredOrdinalProperty(), e -> repaint());
        registerChangeListener(control.nowProperty(), e -> repaint());
        registerChangeListener(control.staleAfterProperty(), e -> repaint());
        registerChangeListener(control.staleAfterByClusterProperty(), e -> repaint());
        registerChangeListener(control.paletteProperty(), e -> repaint());
        registerChangeListener(control.selectionProperty(), e -> repaint());
        registerChangeListener(scrollBar.valueProperty(), e -> repaintWithLabels());
        registerChangeListener(hScrollBar.valueProperty(), e -> repaintWithLabels());
        registerChangeListener(control.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::renderScaleXProperty), e -> relayout());
        input.attach();
    }

    @Override
    public void dispose() {
        input.detach();
        tooltip.hide();
        super.dispose();
    }

    @Nullable HeatmapLayout layout() {
        return layout;
    }

    /// Scrolls so `ordinal`'s cell is visible; its centre in control coordinates.
    Optional<Point2D> reveal(int ordinal) {
        HeatmapLayout current = layout;
        if (current == null || ordinal < 0 || ordinal >= current.cellCount()) {
            return Optional.empty();
        }
        double size = current.geometry().cellSize() / scale;
        double top = current.cellY(ordinal) / scale;
        double viewHeight = getSkinnable().getHeight() - snappedTopInset() - snappedBottomInset();
        double value = scrollBar.getValue();
        if (top < value || top + size > value + viewHeight) {
            scrollBar.setValue(Math.clamp(top - viewHeight / 2, scrollBar.getMin(), scrollBar.getMax()));
        }
        double left = current.cellX(ordinal) / scale;
        double viewWidth = bufferWidth / scale;
        if (left < hScrollBar.getValue() || left + size > hScrollBar.getValue() + viewWidth) {
            hScrollBar.setValue(Math.clamp(left - viewWidth / 2, hScrollBar.getMin(), hScrollBar.getMax()));
        }
        return Optional.of(new Point2D(snappedLeftInset() + left - hScrollBar.getValue() + size / 2,
                snappedTopInset() + top - scrollBar.getValue() + size / 2));
    }

    /// The ordinal under control point `(x, y)`, or -1.
    int ordinalAt(double x, double y) {
        HeatmapLayout current = layout;
        double localX = x - snappedLeftInset();
        double localY = y - snappedTopInset();
        if (current == null || localX < 0 || localY < 0 || localX >= bufferWidth / scale
                || localY >= bufferHeight / scale) {
            return -1;
        }
        return current.cellAt((int) Math.floor(localX * scale) + originX(), (int) Math.floor(localY * scale) + originY());
    }

    /// Scrolls by `deltaY` layout pixels (positive moves the content down).
    void scrollBy(double deltaY) {
        panBy(0, deltaY);
    }

    /// Moves the content by `(deltaX, deltaY)` view pixels (a drag or a two-axis scroll).
    void panBy(double deltaX, double deltaY) {
        scrollBar.setValue(Math.clamp(scrollBar.getValue() - deltaY, scrollBar.getMin(), scrollBar.getMax()));
        hScrollBar.setValue(Math.clamp(hScrollBar.getValue() - deltaX, hScrollBar.getMin(), hScrollBar.getMax()));
    }

    /// Scrolls one view height up (-1) or down (+1), or to the top (-2) or bottom (+2).
    void page(int direction) {
        double target = switch (direction) {
            case -2 -> scrollBar.getMin();
            case 2 -> scrollBar.getMax();
            default -> scrollBar.getValue() + direction * scrollBar.getBlockIncrement();
        };
        scrollBar.setValue(Math.clamp(target, scrollBar.getMin(), scrollBar.getMax()));
    }

    /// Zooms to cells of `cellSize`, keeping the cell under control point `(x, y)` (or, in a
    /// gap, the nearest one above it) at that point.
    void zoomAt(double x, double y, int cellSize) {
        if (cellSize == getSkinnable().getGeometry().cellSize()) {
            return;
        }
        int ordinal = nearestOrdinal(x, y);
        anchorOrdinal = ordinal;
        anchorX = x;
        anchorY = y;
        getSkinnable().zoomTo(cellSize);
    }

    /// The view's centre, in control coordinates (keyboard zoom's anchor).
    Point2D viewCentre() {
        return new Point2D(snappedLeftInset() + bufferWidth / scale / 2, snappedTopInset() + bufferHeight / scale / 2);
    }

    /// Every ordinal whose cell centre lies in the control-coordinate rectangle.
    BitSet ordinalsIn(double x0, double y0, double x1, double y1) {
        HeatmapLayout current = layout;
        BitSet found = new BitSet();
        if (current == null) {
            return found;
        }
        return current.cellsIn(toLayoutX(Math.min(x0, x1)), toLayoutY(Math.min(y0, y1)),
                toLayoutX(Math.max(x0, x1)), toLayoutY(Math.max(y0, y1)));
    }

    /// Shows the rubber band over control rectangle `(x0, y0)`–`(x1, y1)`; `false` hides it.
    void showBand(boolean visible, double x0, double y0, double x1, double y1) {
        band.setVisible(visible);
        band.setX(Math.min(x0, x1));
        band.setY(Math.min(y0, y1));
        band.setWidth(Math.abs(x1 - x0));
        band.setHeight(Math.abs(y1 - y0));
    }

    private int toLayoutX(double x) {
        return (int) Math.floor((x - snappedLeftInset()) * scale) + originX();
    }

    private int toLayoutY(double y) {
        return (int) Math.floor((y - snappedTopInset()) * scale) + originY();
    }

    private int nearestOrdinal(double x, double y) {
        HeatmapLayout current = layout;
        if (current == null || current.cellCount() == 0) {
            return -1;
        }
        int hit = ordinalAt(x, y);
        return hit >= 0 ? hit : current.nearestCell(toLayoutX(x), toLayoutY(y));
    }

    @Override
    protected double computeMinWidth(double height, double top, double right, double bottom, double left) {
        return left + right + MIN_SIDE;
    }

    @Override
    protected double computeMinHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom + MIN_SIDE;
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return left + right + PREF_WIDTH;
    }

    /// The whole layout's height when known (so a parent that can afford it shows everything).
    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        HeatmapLayout current = layout;
        return top + bottom + (current == null ? PREF_WIDTH / 2 : Math.max(MIN_SIDE, current.height() / scale));
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        scale = renderScale();
        HeatmapGeometry geometry = getSkinnable().getGeometry().scaled(scale);
        double barWidth = scrollBar.prefWidth(-1);
        double barHeight = hScrollBar.prefHeight(-1);
        HeatmapLayout next = layoutFor(geometry, w);
        boolean needsBar = next.height() / scale > h;
        if (needsBar) {
            next = layoutFor(geometry, w - barWidth);
        }
        double viewWidth = needsBar ? w - barWidth : w;
        boolean needsHBar = next.width() / scale > viewWidth + 0.5;
        double viewHeight = needsHBar ? h - barHeight : h;
        if (next != layout) {
            layout = next;
            dirty = true;
        }
        placeBars(next, x, y, w, h, viewWidth, viewHeight, needsBar, needsHBar, geometry);
        applyAnchor(next);
        clip.setWidth(viewWidth);
        clip.setHeight(viewHeight);
        ensureBuffer((int) Math.floor(viewWidth * scale), (int) Math.ceil(viewHeight * scale));
        image.relocate(x, y);
        image.setFitWidth(bufferWidth / scale);
        image.setFitHeight(bufferHeight / scale);
        labels.pane().resizeRelocate(x, y, viewWidth, viewHeight);
        placeholder.setVisible(getSkinnable().cellCount() == 0);
        placeholder.setText(getSkinnable().getSnapshot().gpuCount() > 0 && getSkinnable().cellCount() == 0
                ? "No GPU matches the filter" : "Waiting for GPUs to report…");
        placeholder.autosize();
        placeholder.relocate(x + (viewWidth - placeholder.getWidth()) / 2, y + (h - placeholder.getHeight()) / 2);
        if (dirty) {
            paint(true);
        }
    }

    private void placeBars(HeatmapLayout next, double x, double y, double w, double h, double viewWidth,
                           double viewHeight, boolean needsBar, boolean needsHBar, HeatmapGeometry geometry) {
        scrollBar.setVisible(needsBar);
        scrollBar.setMax(Math.max(0, next.height() / scale - viewHeight));
        scrollBar.setVisibleAmount(viewHeight);
        scrollBar.setBlockIncrement(viewHeight * 0.9);
        scrollBar.setUnitIncrement(geometry.cellPitch() * 4 / scale);
        scrollBar.setValue(Math.clamp(scrollBar.getValue(), 0, scrollBar.getMax()));
        scrollBar.resizeRelocate(x + w - scrollBar.prefWidth(-1), y, scrollBar.prefWidth(-1), viewHeight);
        hScrollBar.setVisible(needsHBar);
        hScrollBar.setMax(needsHBar ? Math.max(0, next.width() / scale - viewWidth) : 0);
        hScrollBar.setVisibleAmount(viewWidth);
        hScrollBar.setBlockIncrement(viewWidth * 0.9);
        hScrollBar.setUnitIncrement(geometry.cellPitch() * 4 / scale);
        hScrollBar.setValue(Math.clamp(hScrollBar.getValue(), 0, hScrollBar.getMax()));
        hScrollBar.resizeRelocate(x, y + h - hScrollBar.prefHeight(-1), viewWidth, hScrollBar.prefHeight(-1));
    }

    /// After a zoom: scrolls so the anchored cell is where it was under the pointer.
    private void applyAnchor(HeatmapLayout next) {
        int ordinal = anchorOrdinal;
        anchorOrdinal = -1;
        if (ordinal < 0 || ordinal >= next.cellCount()) {
            return;
        }
        double half = next.geometry().cellSize() / scale / 2;
        double cellX = next.cellX(ordinal) / scale + half;
        double cellY = next.cellY(ordinal) / scale + half;
        scrollBar.setValue(Math.clamp(cellY - (anchorY - snappedTopInset()), 0, scrollBar.getMax()));
        hScrollBar.setValue(Math.clamp(cellX - (anchorX - snappedLeftInset()), 0, hScrollBar.getMax()));
        dirty = true;
    }

    private HeatmapLayout layoutFor(HeatmapGeometry geometry, double width) {
        HeatmapTopology topology = getSkinnable().getFrame().topology();
        int widthPx = (int) Math.floor(Math.max(0, width) * scale);
        HeatmapLayout current = layout;
        if (current != null && current.topology() == topology && current.geometry().equals(geometry)
                && widthPx == current.width()) {
            return current;
        }
        if (current != null && current.laidOutFor(geometry, widthPx)) {
            return current.forTopology(topology);
        }
        return HeatmapLayout.compute(topology, geometry, widthPx);
    }

    private void ensureBuffer(int width, int height) {
        int w = Math.max(1, width);
        int h = Math.max(1, height);
        if (buffer != null && w == bufferWidth && h == bufferHeight) {
            return;
        }
        pixels = new int[w * h];
        buffer = new PixelBuffer<>(w, h, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
        bufferWidth = w;
        bufferHeight = h;
        image.setImage(new WritableImage(buffer));
        dirty = true;
    }

    private void frameChanged() {
        HeatmapLayout current = layout;
        if (current == null || current.topology() != getSkinnable().getFrame().topology()) {
            input.reset();
            relayout();
            return;
        }
        input.frameChanged();
        repaintWithLabels();
    }

    private void relayout() {
        dirty = true;
        getSkinnable().requestLayout();
    }

    private void repaint() {
        if (!dirty) {
            paint(false);
        }
    }

    private void repaintWithLabels() {
        if (!dirty) {
            paint(true);
        }
    }

    private void paint(boolean withLabels) {
        HeatmapLayout current = layout;
        PixelBuffer<IntBuffer> target = buffer;
        FleetHeatmap control = getSkinnable();
        HeatmapFrame frame = control.getFrame();
        if (current == null || target == null || current.topology() != frame.topology()) {
            relayout();
            return;
        }
        dirty = false;
        int originY = originY();
        int originX = originX();
        Instant now = control.effectiveNow();
        HeatmapSelection selection = control.getSelection();
        HeatmapRenderer.Marks marks = new HeatmapRenderer.Marks(control.getSelectedOrdinal(),
                control.hoveredOrdinalProperty().get(), now.toEpochMilli(), control.staleAfterProperty().get().toMillis(),
                cluster -> control.staleAfter(cluster).toMillis(),
                selection.frame() == frame && selection.size() > 1 ? selection.bits() : null);
        HeatmapRenderer.render(new PixelTarget(pixels, bufferWidth, bufferHeight, originX, originY), current, frame,
                control.paletteProperty().get(), marks);
        target.updateBuffer(b -> null);
        if (withLabels) {
            placeLabels();
        }
    }

    /// Places the labels over what is drawn; while the label pool grows (a few pulses after a
    /// big fleet first shows), asks again after this pulse.
    private void placeLabels() {
        HeatmapLayout current = layout;
        FleetHeatmap control = getSkinnable();
        // (A pass asked for before the skin was disposed finds no control.)
        if (control == null || current == null || current.topology() != control.getFrame().topology()) {
            return;
        }
        if (!labels.update(current, control.getFrame(), originX(), originY(), bufferHeight, scale) && !morePending) {
            morePending = true;
            Platform.runLater(() -> {
                morePending = false;
                placeLabels();
            });
        }
    }

    /// The layout row (device pixels) shown at the top of the viewport.
    private int originY() {
        return (int) Math.round(scrollBar.getValue() * scale);
    }

    /// The layout column (device pixels) shown at the left of the viewport.
    private int originX() {
        return (int) Math.round(hScrollBar.getValue() * scale);
    }

    private double renderScale() {
        Scene scene = getSkinnable().getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null ? 1 : Math.max(1, window.getRenderScaleX());
    }
}
