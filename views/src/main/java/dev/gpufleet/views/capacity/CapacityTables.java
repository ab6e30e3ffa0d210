package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.PendingPod;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/// The capacity screen's tables: a scope's rows (sortable by any column) and the pending pods.
final class CapacityTables {

    private CapacityTables() {
    }

    /// Key, GPU-hours per category, total, idle %, idle cost; click a header to sort.
    static TableView<CapacityRow> scopeTable(ObservableList<CapacityRow> rows) {
        SortedList<CapacityRow> sorted = new SortedList<>(rows);
        TableView<CapacityRow> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("capacity-table");
        table.setPlaceholder(new Label("No GPU-hours counted yet"));
        TableColumn<CapacityRow, String> key = new TableColumn<>("Name");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().key()));
        key.setPrefWidth(230);
        table.getColumns().add(key);
        TableColumn<CapacityRow, Double> hours = new TableColumn<>("GPU-hours");
        for (CategoryLook look : CategoryLook.ORDER) {
            TableColumn<CapacityRow, Double> column = number(look.label(), row -> row.hours(look), CapacityText::hours);
            column.getStyleClass().add("category-" + look.category().id().replace('_', '-'));
            hours.getColumns().add(column);
        }
        hours.getColumns().add(number("Total", CapacityRow::totalHours, CapacityText::hours));
        table.getColumns().add(hours);
        table.getColumns().addAll(List.of(
                number("Idle %", CapacityRow::idlePercent, CapacityText::percent),
                number("Idle cost", CapacityRow::idleCost, CapacityText::dollars)));
        return table;
    }

    /// Cluster, namespace, pod, workload, what it asks for and why it waits.
    static TableView<PendingPod> pendingTable(ObservableList<PendingPod> pods) {
        TableView<PendingPod> table = new TableView<>(pods);
        table.setId("capacity-pending");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No pod waits for GPUs"));
        table.getColumns().addAll(List.of(text("Cluster", PendingPod::cluster), text("Namespace", PendingPod::namespace),
                text("Pod", PendingPod::name), text("Workload", PendingPod::workload),
                text("Requests", CapacityText::requests), text("Why it waits", PendingPod::reason)));
        return table;
    }

    private static <T> TableColumn<T, String> text(String title, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }

    private static TableColumn<CapacityRow, Double> number(String title, ToDoubleFunction<CapacityRow> value,
                                                          Function<Double, String> format) {
        TableColumn<CapacityRow, Double> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.applyAsDouble(cell.getValue())));
        // NaN (no hours yet) sorts first ascending, never in between numbers.
        column.setComparator((a, b) -> Double.compare(Double.isNaN(a) ? Double.NEGATIVE_INFINITY : a,
                Double.isNaN(b) ? Double.NEGATIVE_INFINITY : b));
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        });
        column.getStyleClass().add("number");
        column.setPrefWidth(100);
        return column;
    }
}
