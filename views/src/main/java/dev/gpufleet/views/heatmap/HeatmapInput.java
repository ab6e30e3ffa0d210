package dev.gpufleet.views.heatmap;

import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;

/// Mouse and keyboard behaviour of the heatmap. Handlers are added on [#attach] and removed on
/// [#detach], with the skin.
///
/// | gesture | does |
/// |---|---|
/// | hover | tooltip |
/// | click / Ctrl-click / Shift-click | select one / add or remove one / select the range from the last click |
/// | Shift-drag (Ctrl+Shift adds) | rubber band: select the cells inside |
/// | drag, wheel, Shift+wheel | pan |
/// | Ctrl+wheel, pinch, `+` `-`, Ctrl+0 | zoom about the pointer (keys: about the selection), reset |
/// | arrows (Shift extends), Home, End | move the selection |
/// | PageUp, PageDown, Ctrl+Home, Ctrl+End | scroll by a page, to the top or bottom |
/// | Ctrl+A, Escape | select everything the filter shows, clear |
final class HeatmapInput {

    /// A press that moves less than this (view pixels) before release is a click, not a drag.
    private static final double CLICK_SLOP = 4;
    /// Pinch factor that makes one zoom step.
    private static final double PINCH_STEP = 1.25;

    private final FleetHeatmap control;
    private final FleetHeatmapSkin skin;
    private final HeatmapTooltip tooltip;
    private final EventHandler<MouseEvent> moved = this::mouseMoved;
    private final EventHandler<MouseEvent> exited = event -> reset();
    private final EventHandler<MouseEvent> pressed = this::mousePressed;
    private final EventHandler<MouseEvent> dragged = this::mouseDragged;
    private final EventHandler<MouseEvent> released = this::mouseReleased;
    private final EventHandler<ScrollEvent> scrolled = this::scrolled;
    private final EventHandler<ZoomEvent> pinched = this::pinched;
    private final EventHandler<KeyEvent> keys = this::keyPressed;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragging;
    private boolean banding;
    private double pinch = 1;

    HeatmapInput(FleetHeatmap control, FleetHeatmapSkin skin, HeatmapTooltip tooltip) {
        this.control = control;
        this.skin = skin;
        this.tooltip = tooltip;
    }

    void attach() {
        control.addEventHandler(MouseEvent.MOUSE_MOVED, moved);
        control.addEventHandler(MouseEvent.MOUSE_EXITED, exited);
        control.addEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        control.addEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        control.addEventHandler(MouseEvent.MOUSE_RELEASED, released);
        control.addEventHandler(ScrollEvent.SCROLL, scrolled);
        control.addEventHandler(ZoomEvent.ANY, pinched);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keys);
    }

    void detach() {
        control.removeEventHandler(MouseEvent.MOUSE_MOVED, moved);
        control.removeEventHandler(MouseEvent.MOUSE_EXITED, exited);
        control.removeEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        control.removeEventHandler(MouseEvent.MOUSE_DRAGGED, dragged);
        control.removeEventHandler(MouseEvent.MOUSE_RELEASED, released);
        control.removeEventHandler(ScrollEvent.SCROLL, scrolled);
        control.removeEventHandler(ZoomEvent.ANY, pinched);
        control.removeEventHandler(KeyEvent.KEY_PRESSED, keys);
    }

    /// Forgets the hovered cell and hides the tooltip (the mouse left, or the cells moved).
    void reset() {
        control.setHoveredOrdinal(-1);
        tooltip.hide();
    }

    /// New readings for the same cells: keep the tooltip's text current.
    void frameChanged() {
        int hovered = control.hoveredOrdinalProperty().get();
        if (hovered >= 0 && hovered < control.cellCount()) {
            HeatmapFrame frame = control.getFrame();
            tooltip.refresh(GpuDescription.title(frame, hovered), GpuDescription.entries(frame, hovered,
                    control.effectiveNow(), control.staleAfter(frame.cluster(hovered))));
        }
    }

    private void mouseMoved(MouseEvent event) {
        int ordinal = skin.ordinalAt(event.getX(), event.getY());
        if (ordinal == control.hoveredOrdinalProperty().get()) {
            return;
        }
        control.setHoveredOrdinal(ordinal);
        if (ordinal < 0) {
            tooltip.hide();
            return;
        }
        HeatmapFrame frame = control.getFrame();
        tooltip.showSoon(GpuDescription.title(frame, ordinal), GpuDescription.entries(frame, ordinal,
                control.effectiveNow(), control.staleAfter(frame.cluster(ordinal))), event.getScreenX(),
                event.getScreenY());
    }

    private void mousePressed(MouseEvent event) {
        control.requestFocus();
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        pressX = event.getX();
        pressY = event.getY();
        lastX = pressX;
        lastY = pressY;
        dragging = false;
        banding = event.isShiftDown();
    }

    private void mouseDragged(MouseEvent event) {
        if (!event.isPrimaryButtonDown()) {
            return;
        }
        if (!dragging && Math.hypot(event.getX() - pressX, event.getY() - pressY) >= CLICK_SLOP) {
            dragging = true;
            reset();
        }
        if (!dragging) {
            return;
        }
        if (banding) {
            skin.showBand(true, pressX, pressY, event.getX(), event.getY());
        } else {
            control.setCursor(Cursor.MOVE);
            skin.panBy(event.getX() - lastX, event.getY() - lastY);
        }
        lastX = event.getX();
        lastY = event.getY();
        event.consume();
    }

    private void mouseReleased(MouseEvent event) {
        if (event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if (dragging) {
            control.setCursor(null);
            if (banding) {
                skin.showBand(false, 0, 0, 0, 0);
                control.selectOrdinals(skin.ordinalsIn(pressX, pressY, event.getX(), event.getY()),
                        event.isShortcutDown());
            }
            dragging = false;
            return;
        }
        int ordinal = skin.ordinalAt(event.getX(), event.getY());
        if (ordinal < 0) {
            return;
        }
        if (event.isShiftDown()) {
            control.selectRange(ordinal, event.isShortcutDown());
        } else if (event.isShortcutDown()) {
            control.toggleOrdinal(ordinal);
        } else {
            control.selectOrdinal(ordinal);
        }
    }

    private void scrolled(ScrollEvent event) {
        if (event.isShortcutDown() && event.getDeltaY() != 0) {
            tooltip.hide();
            zoom(event.getX(), event.getY(), event.getDeltaY() > 0 ? 1 : -1);
            event.consume();
        } else if (event.getDeltaY() != 0 || event.getDeltaX() != 0) {
            tooltip.hide();
            skin.panBy(event.getDeltaX(), event.getDeltaY());
            event.consume();
        }
    }

    private void pinched(ZoomEvent event) {
        if (event.getEventType() == ZoomEvent.ZOOM_STARTED) {
            pinch = 1;
        } else if (event.getEventType() == ZoomEvent.ZOOM) {
            pinch *= event.getZoomFactor();
            if (pinch >= PINCH_STEP || pinch <= 1 / PINCH_STEP) {
                zoom(event.getX(), event.getY(), pinch > 1 ? 1 : -1);
                pinch = 1;
            }
        }
        event.consume();
    }

    private void zoom(double x, double y, int direction) {
        skin.zoomAt(x, y, HeatmapGeometry.zoomStep(control.getGeometry().cellSize(), direction));
    }

    /// Keyboard zoom keeps the selected cell in place when it is shown, else the view's centre.
    private void zoomByKey(int direction) {
        int selected = control.getSelectedOrdinal();
        Point2D at = selected >= 0 ? control.revealCell(selected).orElse(skin.viewCentre()) : skin.viewCentre();
        if (direction == 0) {
            skin.zoomAt(at.getX(), at.getY(), HeatmapGeometry.DEFAULT.cellSize());
        } else {
            zoom(at.getX(), at.getY(), direction);
        }
    }

    private void keyPressed(KeyEvent event) {
        if (viewKey(event)) {
            event.consume();
            return;
        }
        HeatmapLayout layout = control.getHeatmapLayout();
        if (layout == null || control.cellCount() == 0) {
            return;
        }
        int selected = control.getSelectedOrdinal();
        int next = switch (event.getCode()) {
            case LEFT -> selected < 0 ? 0 : layout.neighbour(selected, -1, 0);
            case RIGHT -> selected < 0 ? 0 : layout.neighbour(selected, 1, 0);
            case UP -> selected < 0 ? 0 : layout.neighbour(selected, 0, -1);
            case DOWN -> selected < 0 ? 0 : layout.neighbour(selected, 0, 1);
            case HOME -> 0;
            case END -> control.cellCount() - 1;
            case ESCAPE -> -1;
            default -> -2;
        };
        if (next == -2) {
            return;
        }
        if (next < 0) {
            control.clearSelection();
        } else {
            if (event.isShiftDown()) {
                control.selectRange(next, false);
            } else {
                control.selectOrdinal(next);
            }
            skin.reveal(next);
        }
        event.consume();
    }

    /// Zoom, page and select-all keys; true when `event` was one of them.
    private boolean viewKey(KeyEvent event) {
        KeyCode code = event.getCode();
        String text = event.getText();
        if (code == KeyCode.ADD || code == KeyCode.PLUS || "+".equals(text) || "=".equals(text)) {
            zoomByKey(1);
        } else if (code == KeyCode.SUBTRACT || code == KeyCode.MINUS || "-".equals(text)) {
            zoomByKey(-1);
        } else if (event.isShortcutDown() && (code == KeyCode.DIGIT0 || code == KeyCode.NUMPAD0)) {
            zoomByKey(0);
        } else if (event.isShortcutDown() && code == KeyCode.A) {
            control.selectAll();
        } else if (code == KeyCode.PAGE_UP || code == KeyCode.PAGE_DOWN) {
            skin.page(code == KeyCode.PAGE_UP ? -1 : 1);
        } else if (event.isShortcutDown() && (code == KeyCode.HOME || code == KeyCode.END)) {
            skin.page(code == KeyCode.HOME ? -2 : 2);
        } else {
            return false;
        }
        return true;
    }
}
