package dev.gpufleet.views;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import dev.gpufleet.views.details.GpuDetailsPanel;
import dev.gpufleet.views.device.DeviceScreen;
import dev.gpufleet.views.export.ExportDialogs;
import dev.gpufleet.views.export.FleetCsv;
import dev.gpufleet.views.fx.ViewLifecycle;
import dev.gpufleet.views.heatmap.FleetHeatmap;
import dev.gpufleet.views.heatmap.GpuSelection;
import dev.gpufleet.views.heatmap.HeatmapFilter;
import dev.gpufleet.views.heatmap.HeatmapFrame;
import dev.gpufleet.views.heatmap.HeatmapLegend;
import dev.gpufleet.views.heatmap.HeatmapMetric;
import dev.gpufleet.views.heatmap.HeatmapToolbar;
import dev.gpufleet.views.status.ErrorBanner;
import dev.gpufleet.views.status.FleetStatusBar;
import dev.gpufleet.views.time.GpuTimeView;
import dev.gpufleet.views.time.TimeScrubberBar;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/// The main screen: a toolbar (metric picker, "most urgent" jump, node view, theme switch), the
/// heatmap's own toolbar ([HeatmapToolbar]: group by, sort, search, zoom), error banners, the
/// fleet heatmap with its legend, the selected GPU's details on the right and the status bar at
/// the bottom. Double-click or Enter on a cell opens that GPU's device view in a window of its own.
///
/// A thin view over a [FleetViewModel]: it binds while in a scene, and runs the view model's
/// snapshot pulses only while its window is showing. For a headless screenshot use
/// [#renderToImage(double, double)].
public final class FleetScreen extends BorderPane {

    private static final String STYLESHEET =
            Objects.requireNonNull(FleetScreen.class.getResource("fleet-screen.css")).toExternalForm();

    /// CSS and layout passes a snapshot needs: skins and labels made in one pass settle in the next.
    private static final int LAYOUT_PASSES = 3;

    private final FleetViewModel model;
    private final FleetHeatmap heatmap = new FleetHeatmap();
    private final HeatmapLegend legend = new HeatmapLegend();
    private final ComboBox<HeatmapMetric> metricPicker =
            new ComboBox<>(FXCollections.observableArrayList(HeatmapMetric.values()));
    private final ToggleButton themeToggle = new ToggleButton();
    private final GpuDetailsPanel details;
    private @Nullable Stage deviceStage;
    private Consumer<GpuSelection> onOpenNode = selection -> { };
    private Consumer<GpuSelection> onTriage = selection -> { };
    private Runnable onOpenAudit = () -> { };
    private final HeatmapToolbar heatmapToolbar;
    private final ToolBar toolbar;

    public FleetScreen(FleetViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.details = new GpuDetailsPanel(model.details());
        this.heatmapToolbar = new HeatmapToolbar(model.heatmapOptions(), heatmap);
        getStyleClass().add("fleet-screen");
        getStylesheets().add(STYLESHEET);
        heatmap.staleAfterProperty().set(FleetViewModel.STALE_AFTER);
        heatmap.staleAfterByClusterProperty().set(model::staleAfter);
        this.toolbar = toolbar();
        setTop(new VBox(toolbar, heatmapToolbar, new ErrorBanner(model.status())));
        setCenter(centre());
        setBottom(new VBox(new TimeScrubberBar(model.time()), new FleetStatusBar(model.status())));
        ViewLifecycle.whileInScene(this, this::bind);
        heatmap.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> openDeviceOn(e.getClickCount() == 2, e));
        heatmap.addEventHandler(KeyEvent.KEY_PRESSED, e -> openDeviceOn(e.getCode() == KeyCode.ENTER, e));
        ViewLifecycle.whileShowing(this, () -> {
            model.start();
            return model::stop;
        });
    }

    /// Opens the GPU × time heatmap of the GPUs selected in the heatmap, or, with none selected,
    /// of every GPU its search shows; empty when the screen has no window yet.
    public Optional<Stage> openTimeView() {
        if (getScene() == null || getScene().getWindow() == null) {
            return Optional.empty();
        }
        List<GpuSelection> rows = timeRows();
        String title = "GPU × time — " + rows.size() + (rows.size() == 1 ? " GPU" : " GPUs")
                + (heatmap.getSelection().isEmpty() ? "" : " selected");
        return Optional.of(GpuTimeView.openWindow(getScene().getWindow(), model.timeOf(rows), title));
    }

    private List<GpuSelection> timeRows() {
        if (!heatmap.getSelection().isEmpty()) {
            return heatmap.getSelection().gpus();
        }
        HeatmapFrame frame = heatmap.getFrame();
        HeatmapFilter filter = heatmap.getArrangement().filter();
        List<GpuSelection> rows = new ArrayList<>();
        for (int ordinal = 0; ordinal < frame.gpuCount(); ordinal++) {
            if (filter.matchesNode(frame.node(ordinal)) && filter.matchesGpu(frame.gpu(ordinal))) {
                rows.add(frame.selectionAt(ordinal));
            }
        }
        return rows;
    }

    /// Adds `item` to the main toolbar, before the theme switch (the app adds its "Actions" menu).
    public void addToolbarItem(javafx.scene.Node item) {
        List<javafx.scene.Node> items = toolbar.getItems();
        items.add(items.size() - 2, item);
    }

    /// The heatmap, e.g. to read its layout or reveal a cell in tests.
    public FleetHeatmap heatmap() {
        return heatmap;
    }

    /// Group by, sort, search and zoom controls of the heatmap.
    public HeatmapToolbar heatmapToolbar() {
        return heatmapToolbar;
    }

    public GpuDetailsPanel details() {
        return details;
    }

    public FleetViewModel viewModel() {
        return model;
    }

    /// Renders the screen into an image now, with no window and no animation: for `gpufleet
    /// screenshot` and tests. Puts the screen in a `width` × `height` scene if it is in none,
    /// pulls the newest snapshot, and lays out until labels created during layout are styled.
    /// Call on the FX thread.
    public WritableImage renderToImage(double width, double height) {
        Scene scene = getScene() != null ? getScene() : new Scene(this, width, height);
        model.refreshNow();
        Parent root = scene.getRoot();
        for (int pass = 0; pass < LAYOUT_PASSES; pass++) {
            root.applyCss();
            root.layout();
        }
        return scene.snapshot(null);
    }

    /// Selects the GPU at `ordinal` (cluster → node → GPU order) of the shown snapshot.
    public void selectCell(int ordinal) {
        heatmap.selectOrdinal(ordinal);
    }

    /// What "Node view" does with the selected GPU: the app opens that GPU's node (its view
    /// lives in [dev.gpufleet.views.node]); by default nothing.
    public void setOnOpenNode(Consumer<GpuSelection> action) {
        onOpenNode = Objects.requireNonNull(action, "action");
    }

    /// What "Triage" does with the selected GPU (the app opens its triage, see
    /// [dev.gpufleet.views.triage]) and what "Audit log" opens; by default nothing.
    public void setOnTriage(Consumer<GpuSelection> triage, Runnable openAudit) {
        onTriage = Objects.requireNonNull(triage, "triage");
        onOpenAudit = Objects.requireNonNull(openAudit, "openAudit");
    }

    /// Selects the GPU `selection` names.
    public void selectGpu(@Nullable GpuSelection selection) {
        model.select(selection);
    }

    /// Opens the selected GPU's device view in its own window (or brings it forward, showing
    /// the newly selected GPU); returns its stage, empty when no GPU is selected.
    public Optional<Stage> openDeviceView() {
        if (model.openDeviceView().isEmpty()) {
            return Optional.empty();
        }
        Stage stage = deviceStage;
        if (stage == null || !stage.isShowing()) {
            Window owner = getScene() == null ? null : getScene().getWindow();
            stage = DeviceScreen.openWindow(owner, model.device(), heatmap.paletteProperty());
            deviceStage = stage;
        }
        stage.toFront();
        return Optional.of(stage);
    }

    private void openDeviceOn(boolean trigger, InputEvent event) {
        if (trigger && openDeviceView().isPresent()) {
            event.consume();
        }
    }

    private Subscription bind() {
        // Adopt a theme the app already applied (e.g. a light screenshot) instead of overriding it.
        Theme.current().ifPresent(model::selectTheme);
        return Subscription.combine(
                model.snapshotProperty().subscribe(heatmap::setSnapshot),
                model.nowProperty().subscribe(now -> heatmap.nowProperty().set(now)),
                model.metricProperty().subscribe(this::showMetric),
                metricPicker.valueProperty().subscribe(this::pickMetric),
                model.selectedGpuProperty().subscribe(heatmap::select),
                heatmap.selectedGpuProperty().subscribe(model::select),
                heatmap.paletteProperty().subscribe(palette -> legend.paletteProperty().set(palette)),
                model.themeProperty().subscribe(this::showTheme),
                heatmapToolbar.bind());
    }

    private void showMetric(HeatmapMetric metric) {
        heatmap.setMetric(metric);
        legend.setMetric(metric);
        metricPicker.setValue(metric);
    }

    private void pickMetric(@Nullable HeatmapMetric metric) {
        if (metric != null) {
            model.selectMetric(metric);
        }
    }

    /// Applies the theme application-wide (popups such as combo-box lists style themselves
    /// before they know their owner, so a scene-only theme leaves them unstyled) and to the
    /// scene too if it carries its own user-agent stylesheet.
    private void showTheme(Theme theme) {
        theme.applyToApplication();
        Scene scene = getScene();
        if (scene != null && scene.getUserAgentStylesheet() != null) {
            theme.applyTo(scene);
        }
        themeToggle.setSelected(theme.isDark());
        themeToggle.setGraphic(new FontIcon(theme.isDark() ? MaterialDesignW.WEATHER_NIGHT
                : MaterialDesignW.WHITE_BALANCE_SUNNY));
    }

    private ToolBar toolbar() {
        Label brand = new Label("gpufleet", new FontIcon(MaterialDesignG.GRID));
        brand.getStyleClass().addAll(Styles.TEXT_BOLD, "brand");
        metricPicker.setId("metric-picker");
        metricPicker.setTooltip(new Tooltip("The metric the heatmap's cells are coloured by"));
        Button urgent = new Button("Most urgent", new FontIcon(MaterialDesignA.ALERT_OCTAGON_OUTLINE));
        urgent.setId("most-urgent");
        urgent.setTooltip(new Tooltip("Select the first failing GPU (or warning, if none fails)"));
        urgent.setOnAction(event -> model.selectMostUrgent());
        Button openNode = new Button("Node view", new FontIcon(MaterialDesignL.LAN));
        openNode.setId("open-node");
        openNode.setTooltip(new Tooltip("Open the selected GPU's node: its GPUs' NVLink/PCIe links, NUMA affinity and pods"));
        openNode.disableProperty().bind(model.selectedGpuProperty().isNull());
        openNode.setOnAction(event -> {
            GpuSelection selected = model.selectedGpuProperty().get();
            if (selected != null) {
                onOpenNode.accept(selected);
            }
        });
        Button openTime = new Button("GPU × time", new FontIcon(MaterialDesignC.CHART_TIMELINE_VARIANT));
        openTime.setId("open-time");
        openTime.setTooltip(new Tooltip("The selected GPUs (or all the search shows) as rows, the history as columns"));
        openTime.setOnAction(event -> openTimeView());
        // The toolbar is crowded: the two rarely used ones show their icon only, named by tooltip.
        MenuButton export = new MenuButton(null, new FontIcon(MaterialDesignE.EXPORT_VARIANT));
        export.setId("export");
        export.setTooltip(new Tooltip("Export the heatmap as PNG, or the numbers behind it as CSV"));
        MenuItem png = new MenuItem("Heatmap as PNG…");
        png.setOnAction(event -> ExportDialogs.png(this, heatmap, "gpufleet-heatmap.png"));
        MenuItem csv = new MenuItem("Numbers behind it as CSV…");
        csv.setOnAction(event -> {
            HeatmapFrame frame = heatmap.getFrame();
            HeatmapFilter filter = heatmap.getArrangement().filter();
            ExportDialogs.csv(this, "gpufleet-heatmap.csv", FleetCsv.HEADER, () -> FleetCsv.rows(frame, filter));
        });
        export.getItems().addAll(png, csv);
        themeToggle.setId("theme-toggle");
        themeToggle.getStyleClass().add(Styles.BUTTON_ICON);
        themeToggle.setTooltip(new Tooltip("Switch between the light and dark theme"));
        themeToggle.setOnAction(event -> model.toggleTheme());
        ToolBar toolbar = new ToolBar(brand, new Separator(Orientation.VERTICAL), metricPicker, urgent,
                openNode, openTime, export, new Spacer(), themeToggle);
        toolbar.getItems().addAll(toolbar.getItems().indexOf(openTime) + 1, triageButtons());
        toolbar.getStyleClass().add("fleet-toolbar");
        return toolbar;
    }

    private List<Button> triageButtons() {
        Button triage = new Button("Triage", new FontIcon(MaterialDesignS.STETHOSCOPE));
        triage.setId("open-triage");
        triage.setTooltip(new Tooltip("Judge the selected GPU: verdict, evidence, XID history and what to do"));
        triage.disableProperty().bind(model.selectedGpuProperty().isNull());
        triage.setOnAction(event -> {
            GpuSelection selected = model.selectedGpuProperty().get();
            if (selected != null) {
                onTriage.accept(selected);
            }
        });
        Button audit = new Button(null, new FontIcon(MaterialDesignH.HISTORY));
        audit.getStyleClass().add(Styles.BUTTON_ICON);
        audit.setId("open-audit");
        audit.setTooltip(new Tooltip("Audit log: every cordon, uncordon, drain and diagnostic gpufleet recorded, newest first"));
        audit.setOnAction(event -> onOpenAudit.run());
        return List.of(triage, audit);
    }

    private SplitPane centre() {
        VBox map = new VBox(legend, heatmap);
        map.getStyleClass().add("heatmap-area");
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        SplitPane split = new SplitPane(map, details);
        split.getStyleClass().add("fleet-split");
        split.setDividerPositions(0.7);
        SplitPane.setResizableWithParent(details, false);
        return split;
    }
}
