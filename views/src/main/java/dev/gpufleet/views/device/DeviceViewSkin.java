package dev.gpufleet.views.device;

import java.nio.IntBuffer;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.control.SkinBase;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/// Draws a [DeviceView] through one `PixelBuffer<IntBuffer>` the size of the control, with
/// [DeviceLabels] on top. Any property change repaints; a click selects the block under it.
final class DeviceViewSkin extends SkinBase<DeviceView> {

    private static final double PREF_WIDTH = 980;
    private static final double PREF_HEIGHT = 620;

    private final ImageView image = new ImageView();
    private final DeviceLabels labels = new DeviceLabels();
    private final EventHandler<MouseEvent> onPress = this::pressed;
    private final EventHandler<MouseEvent> onMove = this::moved;
    private final EventHandler<MouseEvent> onExit = event -> getSkinnable().hoveredCellProperty().set(-1);
    private @Nullable PixelBuffer<IntBuffer> buffer;
    private int[] pixels = new int[0];
    private int bufferWidth;
    private int bufferHeight;

    DeviceViewSkin(DeviceView control) {
        super(control);
        image.setSmooth(false);
        image.setPreserveRatio(false);
        image.setMouseTransparent(true);
        image.setManaged(false);
        getChildren().addAll(image, labels.pane());
        registerChangeListener(control.pictureProperty(), e -> control.requestLayout());
        registerChangeListener(control.rowsProperty(), e -> control.requestLayout());
        registerChangeListener(control.enginesProperty(), e -> paint());
        registerChangeListener(control.paletteProperty(), e -> paint());
        registerChangeListener(control.selectedBlockProperty(), e -> paint());
        registerChangeListener(control.sceneProperty().flatMap(Scene::windowProperty)
                .flatMap(Window::renderScaleXProperty), e -> control.requestLayout());
        registerChangeListener(control.hoveredCellProperty(), e -> paint());
        registerChangeListener(control.engineSubjectProperty(), e -> paint());
        control.addEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
        control.addEventHandler(MouseEvent.MOUSE_MOVED, onMove);
        control.addEventHandler(MouseEvent.MOUSE_EXITED, onExit);
    }

    @Override
    public void dispose() {
        getSkinnable().removeEventHandler(MouseEvent.MOUSE_PRESSED, onPress);
        getSkinnable().removeEventHandler(MouseEvent.MOUSE_MOVED, onMove);
        getSkinnable().removeEventHandler(MouseEvent.MOUSE_EXITED, onExit);
        super.dispose();
    }

    private void moved(MouseEvent event) {
        DeviceView control = getSkinnable();
        DeviceGeometry geometry = control.geometryProperty().get();
        if (geometry != null) {
            control.hoveredCellProperty().set(geometry.cellAt(devicePixel(event.getX(), geometry.scale(), true),
                    devicePixel(event.getY(), geometry.scale(), false)));
        }
    }

    private int devicePixel(double local, double scale, boolean horizontal) {
        return (int) Math.floor((local - (horizontal ? snappedLeftInset() : snappedTopInset())) * scale);
    }

    private void pressed(MouseEvent event) {
        DeviceView control = getSkinnable();
        DeviceGeometry geometry = control.geometryProperty().get();
        control.requestFocus();
        if (geometry != null) {
            double scale = geometry.scale();
            int x = (int) Math.floor((event.getX() - snappedLeftInset()) * scale);
            int y = (int) Math.floor((event.getY() - snappedTopInset()) * scale);
            control.selectedBlockProperty().set(geometry.blockAt(control.pictureProperty().get(), x, y));
        }
    }

    @Override
    protected double computePrefWidth(double height, double top, double right, double bottom, double left) {
        return left + right + PREF_WIDTH;
    }

    @Override
    protected double computePrefHeight(double width, double top, double right, double bottom, double left) {
        return top + bottom + PREF_HEIGHT;
    }

    @Override
    protected void layoutChildren(double x, double y, double w, double h) {
        double scale = renderScale();
        int width = Math.max(1, (int) Math.floor(w * scale));
        int height = Math.max(1, (int) Math.floor(h * scale));
        ensureBuffer(width, height);
        image.relocate(x, y);
        image.setFitWidth(bufferWidth / scale);
        image.setFitHeight(bufferHeight / scale);
        labels.pane().resizeRelocate(x, y, w, h);
        DeviceView control = getSkinnable();
        EngineFrame engines = control.enginesProperty().get();
        control.setGeometry(new DeviceGeometry(width, height, scale, control.pictureProperty().get().columns(),
                control.rowsProperty().get().size(), engines.columns()));
        paint();
    }

    private void paint() {
        DeviceView control = getSkinnable();
        DeviceGeometry geometry = control.geometryProperty().get();
        PixelBuffer<IntBuffer> target = buffer;
        if (geometry == null || target == null || geometry.width() != bufferWidth || geometry.height() != bufferHeight) {
            return;
        }
        EngineFrame engines = control.enginesProperty().get();
        if (engines.columns() != geometry.columns() || engines.rows() != geometry.rows()) {
            control.requestLayout();
            return;
        }
        DeviceRenderer.render(new DevicePixels(pixels, bufferWidth, bufferHeight), new DeviceRenderer.Scene(geometry,
                control.pictureProperty().get(), control.rowsProperty().get(), engines,
                control.paletteProperty().get(), control.selectedBlockProperty().get(),
                control.hoveredCellProperty().get()));
        target.updateBuffer(b -> null);
        labels.update(geometry, control.pictureProperty().get(), control.rowsProperty().get(), engines,
                control.hoveredCellProperty().get(), control.engineSubjectProperty().get());
    }

    private void ensureBuffer(int width, int height) {
        if (buffer != null && width == bufferWidth && height == bufferHeight) {
            return;
        }
        pixels = new int[width * height];
        buffer = new PixelBuffer<>(width, height, IntBuffer.wrap(pixels), PixelFormat.getIntArgbPreInstance());
        bufferWidth = width;
        bufferHeight = height;
        image.setImage(new WritableImage(buffer));
    }

    /// The pixel drawn at control point `(x, y)`, for tests: premultiplied ARGB, 0 outside.
    int pixelAt(double x, double y) {
        DeviceGeometry geometry = getSkinnable().geometryProperty().get();
        if (geometry == null) {
            return 0;
        }
        return new DevicePixels(pixels, bufferWidth, bufferHeight).pixelAt(
                (int) Math.floor((x - snappedLeftInset()) * geometry.scale()),
                (int) Math.floor((y - snappedTopInset()) * geometry.scale()));
    }

    private double renderScale() {
        Scene scene = getSkinnable().getScene();
        Window window = scene == null ? null : scene.getWindow();
        return window == null ? 1 : Math.max(1, window.getRenderScaleX());
    }
}
