package dev.gpufleet.views.node;

import dev.gpufleet.core.topology.GpuTopology;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;
import org.jspecify.annotations.Nullable;

/// The GPU×GPU link matrix of a topology: one square per pair, coloured by link kind
/// ([LinkColors]) and labelled with `nvidia-smi`'s code (`NV18`, `SYS`). Clicking a cell selects
/// it; [#selectedCellProperty()] says which.
public class TopologyMatrix extends Control {

    static final String STYLESHEET =
            Objects.requireNonNull(TopologyMatrix.class.getResource("node-view.css")).toExternalForm();

    private final ObjectProperty<@Nullable GpuTopology> topology = new SimpleObjectProperty<>(this, "topology");
    private final ObjectProperty<MatrixLayout.@Nullable Cell> selectedCell =
            new SimpleObjectProperty<>(this, "selectedCell");

    public TopologyMatrix() {
        getStyleClass().add("topology-matrix");
        topology.subscribe(t -> selectedCell.set(null));
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new TopologyMatrixSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return STYLESHEET;
    }

    public ObjectProperty<@Nullable GpuTopology> topologyProperty() {
        return topology;
    }

    public ObjectProperty<MatrixLayout.@Nullable Cell> selectedCellProperty() {
        return selectedCell;
    }

    /// The layout the skin draws with at the control's current size.
    public MatrixLayout layoutNow() {
        GpuTopology shown = topology.get();
        return MatrixLayout.fit(shown == null ? 0 : shown.gpuCount(), getWidth(), getHeight());
    }
}
