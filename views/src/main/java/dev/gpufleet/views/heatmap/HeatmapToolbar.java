package dev.gpufleet.views.heatmap;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.FXCollections;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;

/// The heatmap's own toolbar: group by (a common pool/zone/model label or any typed key), sort,
/// search with its error shown in place, zoom out/in/reset, and the selection count.
///
/// A thin view over [HeatmapOptions] and the [FleetHeatmap] it zooms; [#bind] connects them and
/// returns the subscription to release.
public final class HeatmapToolbar extends ToolBar {

    /// What the group-by box shows for "no label: by cluster".
    static final String BY_CLUSTER = "Cluster";
    private static final String SEARCH_HELP = """
            Search terms, all must hold:
              gpu-00*  or  node:NAME   node name (glob, or contains)
              -l SELECTOR  or  label:SELECTOR   kubectl label selector, e.g.
                  -l "topology.kubernetes.io/zone in (a, b),!spot"
              ns:NAMESPACE   pod:NAME  or  pod:NS/NAME   GPUs used by pods
              model:H100   health:warning  (at least that unhealthy)""";

    private final HeatmapOptions options;
    private final FleetHeatmap heatmap;
    private final ComboBox<String> groupBy = new ComboBox<>();
    private final ComboBox<HeatmapSort> sort = new ComboBox<>(FXCollections.observableArrayList(HeatmapSort.values()));
    private final TextField search = new TextField();
    private final Label searchError = new Label();
    private final Label selectionCount = new Label();

    public HeatmapToolbar(HeatmapOptions options, FleetHeatmap heatmap) {
        this.options = Objects.requireNonNull(options, "options");
        this.heatmap = Objects.requireNonNull(heatmap, "heatmap");
        getStyleClass().add("heatmap-toolbar");
        List<String> labels = new ArrayList<>();
        labels.add(BY_CLUSTER);
        labels.addAll(HeatmapArrangement.COMMON_LABELS);
        groupBy.getItems().setAll(labels);
        groupBy.setEditable(true);
        groupBy.setId("group-by");
        groupBy.setConverter(new StringConverter<>() {
            @Override
            public String toString(String value) {
                return value == null || value.isBlank() ? BY_CLUSTER : value;
            }

            @Override
            public String fromString(String text) {
                return text == null || text.isBlank() ? BY_CLUSTER : text.strip();
            }
        });
        groupBy.setTooltip(new Tooltip("Group each cluster's nodes by this label (type any label key)"));
        sort.setId("sort-by");
        sort.setTooltip(new Tooltip("Order of nodes within a group"));
        search.setId("heatmap-search");
        search.setPromptText("Search: node, -l selector, ns:, pod:, model:, health:");
        search.setTooltip(new Tooltip(SEARCH_HELP));
        search.setPrefColumnCount(32);
        HBox.setHgrow(search, Priority.ALWAYS);
        searchError.setId("search-error");
        searchError.getStyleClass().addAll(Styles.DANGER, "search-error");
        searchError.setManaged(false);
        searchError.setVisible(false);
        selectionCount.setId("selection-count");
        selectionCount.getStyleClass().add(Styles.TEXT_MUTED);
        getItems().addAll(muted("Group by"), groupBy, muted("Sort"), sort, new Separator(Orientation.VERTICAL),
                search, searchError, new Separator(Orientation.VERTICAL), zoomButtons(), selectionCount);
    }

    /// Connects the controls to the options and the heatmap; release the result on detach.
    public Subscription bind() {
        groupBy.setValue(shown(options.groupLabelProperty().get()));
        sort.setValue(options.sortProperty().get());
        search.setText(options.filterTextProperty().get());
        return Subscription.combine(
                groupBy.valueProperty().subscribe(value -> options.groupBy(BY_CLUSTER.equals(value) ? "" : value)),
                sort.valueProperty().subscribe(value -> {
                    if (value != null) {
                        options.sortBy(value);
                    }
                }),
                search.textProperty().subscribe(options::search),
                options.filterErrorProperty().subscribe(this::showError),
                options.arrangementProperty().subscribe(heatmap::setArrangement),
                heatmap.selectionProperty().subscribe(this::showSelection));
    }

    private static String shown(String label) {
        return label == null || label.isBlank() ? BY_CLUSTER : label;
    }

    private void showError(String error) {
        boolean bad = !error.isEmpty();
        searchError.setText(bad ? error : "");
        searchError.setManaged(bad);
        searchError.setVisible(bad);
        search.pseudoClassStateChanged(Styles.STATE_DANGER, bad);
        searchError.setTooltip(bad ? new Tooltip(error) : null);
    }

    private void showSelection(HeatmapSelection selection) {
        int size = selection.size();
        selectionCount.setText(size <= 1 ? "" : size + " GPUs selected");
    }

    private HBox zoomButtons() {
        Button out = iconButton("zoom-out", MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (-, Ctrl+wheel, pinch)");
        out.setOnAction(event -> heatmap.zoomOut());
        Button in = iconButton("zoom-in", MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (+, Ctrl+wheel, pinch)");
        in.setOnAction(event -> heatmap.zoomIn());
        Button reset = iconButton("zoom-reset", MaterialDesignM.MAGNIFY, "Default zoom (Ctrl+0)");
        reset.setOnAction(event -> heatmap.zoomTo(HeatmapGeometry.DEFAULT.cellSize()));
        HBox box = new HBox(out, reset, in);
        box.getStyleClass().add("zoom-buttons");
        return box;
    }

    private static Button iconButton(String id, MaterialDesignM icon, String tip) {
        Button button = new Button(null, new FontIcon(icon));
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    TextField searchField() {
        return search;
    }
}
