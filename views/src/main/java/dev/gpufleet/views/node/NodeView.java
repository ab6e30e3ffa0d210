package dev.gpufleet.views.node;

import dev.gpufleet.core.topology.GpuTopology;
import dev.gpufleet.core.topology.Link;
import dev.gpufleet.views.export.ExportDialogs;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.Subscription;
import org.jspecify.annotations.Nullable;

/// One node: its GPUs' link matrix with a legend, where the topology came from and a button to
/// probe the node with `nvidia-smi`, and a table of the GPUs (load, health, NUMA and CPU
/// affinity, NVLink traffic, pods). A thin view over a [NodeViewModel], bound while in a scene.
public final class NodeView extends BorderPane {

    private final NodeViewModel model;
    private final TopologyMatrix matrix = new TopologyMatrix();
    private final Label title = new Label();
    private final Label note = new Label();
    private final Label error = new Label();
    private final Label cellDetail = new Label("Click a cell to see the link.");
    private final VBox legend = new VBox(4);
    private final Label trafficNote = new Label();
    private final GpuTable table = new GpuTable();
    private final Button probe = new Button("Probe with nvidia-smi");

    public NodeView(NodeViewModel model) {
        this.model = Objects.requireNonNull(model, "model");
        getStyleClass().add("node-view");
        getStylesheets().add(TopologyMatrix.STYLESHEET);
        title.getStyleClass().add("node-title");
        note.setId("topology-note");
        note.setWrapText(true);
        error.setId("probe-error");
        error.getStyleClass().add("probe-error");
        error.setWrapText(true);
        error.managedProperty().bind(error.visibleProperty());
        probe.setId("probe-button");
        probe.setTooltip(new Tooltip("Runs nvidia-smi topo -m in a short-lived pod pinned to this node, reads its "
                + "log and deletes the pod. Needs create, get and delete on pods and get on pods/log."));
        probe.setOnAction(event -> model.probe());
        matrix.setId("topology-matrix");
        legend.setId("link-legend");
        cellDetail.setId("cell-detail");
        cellDetail.setWrapText(true);
        trafficNote.setId("traffic-note");
        trafficNote.setWrapText(true);
        VBox side = new VBox(10, legend, cellDetail);
        side.getStyleClass().add("node-side");
        side.setMinWidth(260);
        HBox.setHgrow(side, Priority.ALWAYS);
        HBox center = new HBox(12, matrix, side);
        center.getStyleClass().add("node-center");
        Button png = new Button("PNG…");
        png.setOnAction(e -> ExportDialogs.png(this, this, model.node() + ".png"));
        Button csv = new Button("Link matrix CSV…");
        csv.setOnAction(e -> {
            GpuTopology shown = model.topologyProperty().get();
            if (shown != null) {
                ExportDialogs.csv(this, model.node() + "-topology.csv", linkHeader(shown), () -> linkRows(shown));
            }
        });
        csv.disableProperty().bind(model.topologyProperty().isNull());
        HBox probeRow = new HBox(10, probe, png, csv, note);
        probeRow.getStyleClass().add("probe-row");
        setTop(new VBox(6, title, probeRow, error));
        setCenter(center);
        ScrollPane tableScroll = new ScrollPane(table);
        tableScroll.setFitToWidth(true);
        tableScroll.setPrefHeight(300);
        setBottom(new VBox(6, trafficNote, tableScroll));
        ViewLifecycle.whileInScene(this, this::bind);
    }

    /// The GPU × GPU link matrix as CSV: `GPU0,GPU1,…` columns, link codes as nvidia-smi prints them.
    static List<String> linkHeader(GpuTopology topology) {
        List<String> header = new ArrayList<>(List.of(""));
        header.addAll(topology.gpus());
        return header;
    }

    static List<List<String>> linkRows(GpuTopology topology) {
        List<List<String>> rows = new ArrayList<>();
        for (int from = 0; from < topology.gpuCount(); from++) {
            List<String> row = new ArrayList<>(List.of(topology.gpus().get(from)));
            for (int to = 0; to < topology.gpuCount(); to++) {
                row.add(from == to ? "X" : topology.link(from, to).code());
            }
            rows.add(row);
        }
        return rows;
    }

    public NodeViewModel viewModel() {
        return model;
    }

    public TopologyMatrix matrix() {
        return matrix;
    }

    private Subscription bind() {
        return Subscription.combine(
                model.titleProperty().subscribe(title::setText),
                model.topologyNoteProperty().subscribe(note::setText),
                model.probeErrorProperty().subscribe(text -> {
                    error.setText(text);
                    error.setVisible(!text.isEmpty());
                }),
                model.probingProperty().subscribe(busy -> probe.setDisable(!model.canProbe())),
                model.topologyProperty().subscribe(this::showTopology),
                model.gpusProperty().subscribe(rows -> table.show(rows, model.trafficProperty().get())),
                model.trafficProperty().subscribe(mode -> {
                    trafficNote.setText(mode.explanation());
                    table.show(model.gpusProperty().get(), mode);
                }),
                matrix.selectedCellProperty().subscribe(this::showCell));
    }

    private void showTopology(@Nullable GpuTopology topology) {
        matrix.topologyProperty().set(topology);
        legend.getChildren().clear();
        if (topology == null) {
            return;
        }
        Label heading = new Label("Links");
        heading.getStyleClass().add("legend-heading");
        legend.getChildren().add(heading);
        for (LinkColors.Entry entry : LinkColors.legend(topology)) {
            Rectangle swatch = new Rectangle(14, 14, entry.color());
            Label line = new Label(entry.code() + "  " + entry.meaning(), swatch);
            line.getStyleClass().add("legend-entry");
            line.setWrapText(true);
            legend.getChildren().add(line);
        }
        if (!topology.nics().isEmpty()) {
            Label nics = new Label(topology.nics().size() + " NICs; closest to GPU0: "
                    + String.join(", ", topology.closestNics(0).stream().map(n -> n.device()).toList()));
            nics.setWrapText(true);
            legend.getChildren().add(nics);
        }
    }

    private void showCell(MatrixLayout.@Nullable Cell cell) {
        GpuTopology topology = matrix.topologyProperty().get();
        if (cell == null || topology == null) {
            cellDetail.setText("Click a cell to see the link.");
            return;
        }
        Link link = topology.link(cell.row(), cell.column());
        cellDetail.setText(topology.gpus().get(cell.row()) + " → " + topology.gpus().get(cell.column()) + ": "
                + link.code() + " — " + LinkColors.meaning(link));
    }
}
