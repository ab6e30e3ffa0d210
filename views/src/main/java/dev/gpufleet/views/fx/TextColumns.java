package dev.gpufleet.views.fx;

import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;

/// Read-only table columns of text, unsortable (the rows come in a meaningful order).
public final class TextColumns {

    private TextColumns() {
    }

    /// A column titled `title` showing `value` of each row, `width` pixels wide by preference.
    public static <R> TableColumn<R, String> of(String title, Function<R, String> value, double width) {
        TableColumn<R, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new SimpleStringProperty(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }
}
