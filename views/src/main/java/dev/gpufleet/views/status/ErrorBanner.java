package dev.gpufleet.views.status;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.views.fx.ViewLifecycle;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/// Messages above the heatmap for clusters that are unreachable, unauthorized or degraded:
/// what happened and what to do. Each can be closed until its cluster's state changes; the
/// rest of the screen keeps working either way.
public final class ErrorBanner extends VBox {

    private final StatusBarViewModel model;

    public ErrorBanner(StatusBarViewModel model) {
        this.model = model;
        getStyleClass().add("error-banner");
        getStylesheets().add(FleetStatusBar.STYLESHEET);
        ViewLifecycle.whileInScene(this, () -> model.problems().subscribe(this::rebuild));
    }

    private void rebuild() {
        getChildren().clear();
        for (ClusterProblem problem : model.problems()) {
            getChildren().add(message(problem));
        }
        setVisible(!getChildren().isEmpty());
        setManaged(!getChildren().isEmpty());
    }

    private Message message(ClusterProblem problem) {
        Message message = new Message(problem.title(), problem.description(),
                new FontIcon(FleetStatusBar.icon(problem.state())));
        message.getStyleClass().add(problem.state() == ConnectionState.DEGRADED ? Styles.WARNING : Styles.DANGER);
        message.setOnClose(event -> model.dismiss(problem));
        message.setUserData(problem);
        return message;
    }
}
