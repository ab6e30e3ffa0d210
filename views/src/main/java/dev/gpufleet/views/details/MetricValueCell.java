package dev.gpufleet.views.details;

import dev.gpufleet.views.details.DetailRows.MetricRow;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;

/// A metric value cell that greys out "not reported", so missing readings never look like zeros.
final class MetricValueCell extends TableCell<MetricRow, String> {

    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");

    MetricValueCell() {
        getStyleClass().add("metric-value");
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty ? null : item);
        MetricRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        pseudoClassStateChanged(MISSING, row != null && !row.reported());
    }
}
