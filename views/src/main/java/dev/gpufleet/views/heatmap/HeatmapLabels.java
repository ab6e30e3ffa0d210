package dev.gpufleet.views.heatmap;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;

/// Text over the pixel buffer: a header per visible group (cluster, or cluster and label value)
/// and a name per visible node.
///
/// Labels come from pools sized by what the viewport shows, never by the fleet, and are only
/// repositioned when the layout or the scroll position changes. The pane sizes them to their
/// preferred sizes once CSS has given them fonts; we only place them.
final class HeatmapLabels {

    /// Node names below this many device pixels of strip are not drawn (too small to read).
    private static final int MIN_LABEL_STRIP = 10;
    /// At most this many labels are made in one pass: a screenful of a 12,500-node fleet's
    /// names made and styled at once held the FX thread for a tenth of a second, so the pool
    /// grows over a few pulses instead and the rest of the names follow.
    static final int MAX_NEW_PER_PASS = 120;

    private final Pane pane = new Pane();
    private final List<Label[]> headers = new ArrayList<>();
    private final List<Label> names = new ArrayList<>();
    /// Whether labels were added since CSS last styled the pane.
    private boolean unstyled;

    HeatmapLabels() {
        pane.getStyleClass().add("heatmap-labels");
        pane.setMouseTransparent(true);
        pane.setManaged(false);
    }

    Pane pane() {
        return pane;
    }

    /// Places labels for the part of `layout` from `(originX, originY)` down `heightPx` device
    /// pixels; returns `false` when the pool still lacks labels for some names (placed in a
    /// later pass: call again).
    boolean update(HeatmapLayout layout, HeatmapFrame frame, int originX, int originY, int heightPx, double scale) {
        int madeBefore = names.size();
        int headerCount = 0;
        int nameCount = 0;
        HeatmapTopology topology = layout.topology();
        HeatmapGeometry geometry = layout.geometry();
        boolean showNames = geometry.nodeLabelHeight() >= MIN_LABEL_STRIP * scale;
        int bottom = originY + heightPx;
        for (int c = 0; c < topology.groupCount(); c++) {
            if (layout.clusterBottom(c) <= originY || layout.headerY(c) >= bottom) {
                continue;
            }
            Label[] header = header(headerCount++);
            header[0].setText(topology.groupName(c));
            header[1].setText(GpuDescription.clusterSummary(frame, c));
            HBox box = (HBox) header[0].getParent();
            box.setPrefHeight(geometry.clusterHeaderHeight() / scale);
            box.relocate((geometry.padding() - originX) / scale, (layout.headerY(c) - originY) / scale);
            if (showNames) {
                int[] nodes = layout.nodesBetween(c, originY, bottom);
                for (int node = nodes[0]; node < nodes[1] && nameCount < madeBefore + MAX_NEW_PER_PASS; node++) {
                    placeName(name(nameCount++), layout, node, originX, originY, scale);
                }
            }
        }
        hideFrom(headerCount, nameCount);
        if (unstyled) {
            // Made during layout: style them now (one pass for all of them, not one per label, which
            // cost a tenth of a second for a screenful of names), or a snapshot taken in this pass
            // shows no text.
            unstyled = false;
            pane.applyCss();
        }
        return nameCount < madeBefore + MAX_NEW_PER_PASS;
    }

    private void placeName(Label label, HeatmapLayout layout, int node, int originX, int originY, double scale) {
        HeatmapLayout.Rect plate = layout.plateBounds(node);
        HeatmapGeometry geometry = layout.geometry();
        label.setText(layout.topology().nodeName(node));
        double width = (plate.width() - 2.0 * geometry.platePadding()) / scale;
        label.setMaxWidth(width);
        label.setPrefHeight(geometry.nodeLabelHeight() / scale);
        label.relocate((plate.x() + geometry.platePadding() - originX) / scale,
                (plate.y() + geometry.platePadding() - originY) / scale - 1);
    }

    private Label[] header(int index) {
        while (headers.size() <= index) {
            Label name = new Label();
            name.getStyleClass().add("cluster-name");
            Label summary = new Label();
            summary.getStyleClass().add("cluster-summary");
            HBox box = new HBox(name, summary);
            box.getStyleClass().add("cluster-header");
            pane.getChildren().add(box);
            unstyled = true;
            headers.add(new Label[] {name, summary});
        }
        headers.get(index)[0].getParent().setVisible(true);
        return headers.get(index);
    }

    private Label name(int index) {
        while (names.size() <= index) {
            Label label = new Label();
            label.getStyleClass().add("node-name");
            pane.getChildren().add(label);
            unstyled = true;
            names.add(label);
        }
        Label label = names.get(index);
        label.setVisible(true);
        return label;
    }

    private void hideFrom(int headerCount, int nameCount) {
        for (int i = headerCount; i < headers.size(); i++) {
            headers.get(i)[0].getParent().setVisible(false);
        }
        for (int i = nameCount; i < names.size(); i++) {
            names.get(i).setVisible(false);
        }
    }
}
