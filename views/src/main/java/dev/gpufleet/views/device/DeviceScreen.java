package dev.gpufleet.views.device;

import atlantafx.base.theme.Styles;
import dev.gpufleet.views.export.ExportDialogs;
import dev.gpufleet.views.fx.ViewLifecycle;
import dev.gpufleet.views.heatmap.HeatmapPalette;
import java.util.List;
import java.util.Objects;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// The device view's window content: the GPU's name and geometry on top, the [DeviceView]
/// below. Binds to its [DeviceViewModel] while in a scene.
public final class DeviceScreen extends BorderPane {

    private final DeviceViewModel model;
    private final DeviceView view = new DeviceView();
    private final Label title = new Label();
    private final Label summary = new Label();
    private final Label notice = new Label();
    private String shownTitle = "";

    public DeviceScreen(DeviceViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("device-screen");
        getStylesheets().add(DeviceView.STYLESHEET);
        title.getStyleClass().addAll(Styles.TITLE_4, "device-title");
        title.setId("device-title");
        summary.getStyleClass().addAll(Styles.TEXT_MUTED, "device-summary");
        notice.getStyleClass().add("device-notice");
        notice.setWrapText(true);
        Button png = new Button("PNG…");
        png.setOnAction(e -> ExportDialogs.png(this, this, "gpufleet-device.png"));
        VBox header = new VBox(new HBox(8, title, png), summary, notice);
        header.getStyleClass().add("device-header");
        setTop(header);
        view.setId("device-view");
        setCenter(view);
        ViewLifecycle.whileInScene(this, () -> Subscription.combine(view.bind(model), showHeader(),
                view.selectedBlockProperty().subscribe(this::focusBlock)));
    }

    /// A clicked instance shows its own engines; clicking beside the instances, the GPU's.
    private void focusBlock(Number block) {
        List<DeviceBlock> blocks = model.pictureProperty().get().blocks();
        int index = block.intValue();
        model.focusInstance(index >= 0 && index < blocks.size() ? blocks.get(index).instanceId() : -1);
    }

    private Subscription showHeader() {
        return model.pictureProperty().subscribe(picture -> {
            title.setText(picture.title());
            summary.setText(picture.summary());
            notice.setText(picture.notice());
            notice.setVisible(!picture.notice().isEmpty());
            notice.setManaged(!picture.notice().isEmpty());
            if (!picture.title().equals(shownTitle)) {
                shownTitle = picture.title();
                view.selectedBlockProperty().set(-1);
            }
        });
    }

    public DeviceView view() {
        return view;
    }

    public DeviceViewModel viewModel() {
        return model;
    }

    /// Opens (or brings forward) a window showing `model` above `owner`, with `palette`
    /// followed so plates match the fleet heatmap. Closing the window stops following the GPU.
    public static Stage openWindow(@Nullable Window owner, DeviceViewModel model,
                                   ObservableValue<HeatmapPalette> palette) {
        DeviceScreen screen = new DeviceScreen(model);
        Subscription paletteLink = palette.subscribe(p -> screen.view().paletteProperty().set(p));
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setScene(new Scene(screen, 1040, 760));
        stage.titleProperty().bind(model.pictureProperty().map(p -> "gpufleet · " + p.title()));
        stage.setOnHidden(event -> {
            paletteLink.unsubscribe();
            model.close();
        });
        stage.show();
        return stage;
    }
}
