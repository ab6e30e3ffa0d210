package dev.gpufleet.views.heatmap;

import javafx.event.EventHandler;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;

/// Mouse and keyboard behaviour of the heatmap: hover with tooltip, click to select, wheel to
/// scroll, arrows to move the selection, Escape to clear it. Handlers are added on
/// [#attach] and removed on [#detach], with the skin.
final class HeatmapInput {

    private final FleetHeatmap control;
    private final FleetHeatmapSkin skin;
    private final HeatmapTooltip tooltip;
    private final EventHandler<MouseEvent> moved = this::mouseMoved;
    private final EventHandler<MouseEvent> exited = event -> reset();
    private final EventHandler<MouseEvent> pressed = this::mousePressed;
    private final EventHandler<ScrollEvent> scrolled = this::scrolled;
    private final EventHandler<KeyEvent> keys = this::keyPressed;

    HeatmapInput(FleetHeatmap control, FleetHeatmapSkin skin, HeatmapTooltip tooltip) {
        this.control = control;
        this.skin = skin;
        this.tooltip = tooltip;
    }

    void attach() {
        control.addEventHandler(MouseEvent.MOUSE_MOVED, moved);
        control.addEventHandler(MouseEvent.MOUSE_EXITED, exited);
        control.addEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        control.addEventHandler(ScrollEvent.SCROLL, scrolled);
        control.addEventHandler(KeyEvent.KEY_PRESSED, keys);
    }

    void detach() {
        control.removeEventHandler(MouseEvent.MOUSE_MOVED, moved);
        control.removeEventHandler(MouseEvent.MOUSE_EXITED, exited);
        control.removeEventHandler(MouseEvent.MOUSE_PRESSED, pressed);
        control.removeEventHandler(ScrollEvent.SCROLL, scrolled);
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
        int ordinal = skin.ordinalAt(event.getX(), event.getY());
        if (ordinal >= 0) {
            control.selectOrdinal(ordinal);
        }
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            tooltip.hide();
            skin.scrollBy(event.getDeltaY());
            event.consume();
        }
    }

    private void keyPressed(KeyEvent event) {
        int selected = control.getSelectedOrdinal();
        HeatmapLayout layout = control.getHeatmapLayout();
        if (layout == null || control.cellCount() == 0) {
            return;
        }
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
            control.selectOrdinal(next);
            skin.reveal(next);
        }
        event.consume();
    }
}
