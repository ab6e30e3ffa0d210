package dev.gpufleet.views.heatmap;

import java.nio.IntBuffer;
import java.time.Instant;
import java.util.Optional;
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
/// Only the viewport is rendered (the scroll bar moves the window over the layout), so the
/// buffer stays screen-sized however big the fleet is. Layout is recomputed only when the
/// fleet's shape, the width, the geometry or the screen scale changes; data, hover, selection
/// and clock changes just repaint.
final class FleetHeatmapSkin extends SkinBase<FleetHeatmap> {

    private static final double MIN_SIDE = 80;
    private static final double PREF_WIDTH = 640;

    private final ImageView image = new ImageView();
    private final ScrollBar scrollBar = new ScrollBar();
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

    FleetHeatmapSkin(FleetHeatmap control) {
        super(control);
        tooltip = new HeatmapTooltip(control);
        input = new HeatmapInput(control, this, tooltip);
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.setVisible(false);
        placeholder.getStyleClass().add("placeholder");
        image.setSmooth(false);
        image.setPreserveRatio(false);
        image.setMouseTransparent(true);
        // Positioned by layoutChildren; unmanaged so the image never props the control's size up.
        image.setManaged(false);
        scrollBar.setManaged(false);
        placeholder.setManaged(false);
        getChildren().addAll(image, labels.pane(), scrollBar, placeholder);
        labels.pane().setClip(clip);
        registerChangeListener(control.frameProperty(), e -> frameChanged());
        registerChangeListener(control.geometryProperty(), e -> relayout());
        registerChangeListener(control.selectedOrdinalProperty(), e -> repaint());
        registerChangeListener(control.hoveredOrdinalProperty(), e -> repaint());
        registerChangeListener(control.nowProperty(), e -> repaint());
        registerChangeListener(control.staleAfterProperty(), e -> repaint());
        registerChangeListener(control.staleAfterByClusterProperty(), e -> repaint());
        registerChangeListener(control.paletteProperty(), e -> repaint());
        registerChangeListener(scrollBar.valueProperty(), e -> repaintWithLabels());
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
        return Optional.of(new Point2D(snappedLeftInset() + current.cellX(ordinal) / scale + size / 2,
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
        return current.cellAt((int) Math.floor(localX * scale), (int) Math.floor(localY * scale) + originY());
    }

    /// Scrolls by `deltaY` layout pixels (positive moves the content down).
    void scrollBy(double deltaY) {
        scrollBar.setValue(Math.clamp(scrollBar.getValue() - deltaY, scrollBar.getMin(), scrollBar.getMax()));
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
        HeatmapLayout next = layoutFor(geometry, w);
        boolean needsBar = next.height() / scale > h;
        if (needsBar) {
            next = layoutFor(geometry, w - barWidth);
        }
        if (next != layout) {
            layout = next;
            dirty = true;
        }
        double viewWidth = needsBar ? w - barWidth : w;
        scrollBar.setVisible(needsBar);
        scrollBar.setMax(Math.max(0, next.height() / scale - h));
        scrollBar.setVisibleAmount(h);
        scrollBar.setBlockIncrement(h * 0.9);
        scrollBar.setUnitIncrement(geometry.cellPitch() * 4 / scale);
        scrollBar.setValue(Math.clamp(scrollBar.getValue(), 0, scrollBar.getMax()));
        scrollBar.resizeRelocate(x + w - barWidth, y, barWidth, h);
        clip.setWidth(viewWidth);
        clip.setHeight(h);
        ensureBuffer((int) Math.floor(viewWidth * scale), (int) Math.ceil(h * scale));
        image.relocate(x, y);
        image.setFitWidth(bufferWidth / scale);
        image.setFitHeight(bufferHeight / scale);
        labels.pane().resizeRelocate(x, y, viewWidth, h);
        placeholder.setVisible(getSkinnable().cellCount() == 0);
        placeholder.autosize();
        placeholder.relocate(x + (viewWidth - placeholder.getWidth()) / 2, y + (h - placeholder.getHeight()) / 2);
        if (dirty) {
            paint(true);
        }
    }

    private HeatmapLayout layoutFor(HeatmapGeometry geometry, double width) {
        HeatmapTopology topology = getSkinnable().getFrame().topology();
        int widthPx = (int) Math.floor(Math.max(0, width) * scale);
        HeatmapLayout current = layout;
        if (current != null && current.topology() == topology && current.geometry().equals(geometry)
                && widthPx == current.width()) {
            return current;
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
        Instant now = control.effectiveNow();
        HeatmapRenderer.Marks marks = new HeatmapRenderer.Marks(control.getSelectedOrdinal(),
                control.hoveredOrdinalProperty().get(), now.toEpochMilli(), control.staleAfterProperty().get().toMillis(),
                cluster -> control.staleAfter(cluster).toMillis());
        HeatmapRenderer.render(new PixelTarget(pixels, bufferWidth, bufferHeight, 0, originY), current, frame,
                control.paletteProperty().get(), marks);
        target.updateBuffer(b -> null);
        if (withLabels) {
            labels.update(current, frame, originY, bufferHeight, scale);
        }
    }

    /// The layout row (device pixels) shown at the top of the viewport.
    private int originY() {
        return (int) Math.round(scrollBar.getValue() * scale);
    }

    private double renderScale() {
        Scene scene = getSkinnable().getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null ? 1 : Math.max(1, window.getRenderScaleX());
    }
}
