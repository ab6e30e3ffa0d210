package dev.gpufleet.views.audit;

import dev.gpufleet.views.fx.ViewLifecycle;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The audit log in a table — time, context, user, action, target, result, message — newest
/// first, with a filter box and a refresh button. A thin view over an [AuditViewModel].
public final class AuditView extends BorderPane {

    private final AuditViewModel model;
    private final Label status = new Label();

    public AuditView(AuditViewModel model) {
        this.model = model;
        getStyleClass().add("audit-view");
        setStyle("-fx-padding: 10;");
        TextField filter = new TextField();
        filter.setId("audit-filter");
        filter.setPromptText("Filter: words that must all occur, e.g. drain prod failed");
        filter.textProperty().bindBidirectional(model.filterProperty());
        HBox.setHgrow(filter, Priority.ALWAYS);
        Button refresh = new Button("Refresh");
        refresh.setId("audit-refresh");
        refresh.disableProperty().bind(model.loadingProperty());
        refresh.setOnAction(event -> model.refresh());
        HBox top = new HBox(8, filter, refresh);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setStyle("-fx-padding: 0 0 8 0;");
        setTop(top);
        setCenter(table());
        status.setId("audit-status");
        setBottom(status);
        ViewLifecycle.whileInScene(this, this::bind);
    }

    /// Opens the viewer in a window of its own, owned by `owner`, and reads the log.
    public static Stage openWindow(@Nullable Window owner, AuditViewModel model) {
        Stage stage = new Stage();
        Scene scene = new Scene(new AuditView(model), 1100, 600);
        if (owner != null) {
            stage.initOwner(owner);
            if (owner.getScene() != null) {
                scene.getStylesheets().addAll(owner.getScene().getStylesheets());
            }
        }
        stage.setTitle("gpufleet — audit log");
        stage.setScene(scene);
        model.refresh();
        stage.show();
        return stage;
    }

    public AuditViewModel viewModel() {
        return model;
    }

    private Subscription bind() {
        return model.statusProperty().subscribe(status::setText);
    }

    private TableView<AuditRow> table() {
        TableView<AuditRow> table = new TableView<>(model.rows());
        table.setId("audit-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No entries"));
        table.getColumns().addAll(List.of(column("Time", AuditRow::time), column("Context", AuditRow::context),
                column("User", AuditRow::user), column("Action", AuditRow::action), column("Target", AuditRow::target),
                column("Result", AuditRow::result), column("Message", AuditRow::message)));
        return table;
    }

    private static TableColumn<AuditRow, String> column(String title, Function<AuditRow, String> value) {
        TableColumn<AuditRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return column;
    }
}
