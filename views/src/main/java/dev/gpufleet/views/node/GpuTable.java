package dev.gpufleet.views.node;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.views.format.MetricFormat;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/// The node view's table: one row per GPU with load, health, affinity, NVLink traffic and pods.
/// Rebuilt from plain [GpuRow]s; a node has a handful of GPUs, so nodes per cell are cheap.
final class GpuTable extends GridPane {

    private static final Color COLD = Color.web("#1f3a5f");
    private static final Color HOT = Color.web("#f78166");

    GpuTable() {
        getStyleClass().add("gpu-table");
        setId("gpu-table");
    }

    void show(List<GpuRow> rows, TrafficMode traffic) {
        getChildren().clear();
        String[] headers = {"GPU", "Util", "Health", "NUMA", "CPUs", "Nearest NIC", traffic == TrafficMode.PER_LINK
                ? "NVLink per link" : "NVLink tx / rx", "Pods"};
        for (int c = 0; c < headers.length; c++) {
            Label header = new Label(headers[c]);
            header.getStyleClass().add("gpu-table-header");
            add(header, c, 0);
        }
        double hottest = hottestLink(rows);
        for (int r = 0; r < rows.size(); r++) {
            GpuRow row = rows.get(r);
            add(cell("GPU" + row.index()), 0, r + 1);
            add(cell(MetricFormat.percent(row.utilization())), 1, r + 1);
            Label health = cell(row.health().name().toLowerCase(Locale.ROOT));
            health.getStyleClass().add("health-" + row.health().name().toLowerCase(Locale.ROOT));
            add(health, 2, r + 1);
            add(cell(row.numa()), 3, r + 1);
            add(cell(row.cpus()), 4, r + 1);
            add(cell(row.nics().isEmpty() ? "—" : String.join(", ", row.nics())), 5, r + 1);
            add(traffic == TrafficMode.PER_LINK ? heatStrip(row, hottest) : cell(txRx(row)), 6, r + 1);
            add(cell(row.pods().isEmpty() ? "—" : String.join(", ", row.pods())), 7, r + 1);
        }
    }

    private static Label cell(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("gpu-table-cell");
        return label;
    }

    private static String txRx(GpuRow row) {
        if (Double.isNaN(row.nvlinkTx()) && Double.isNaN(row.nvlinkRx())) {
            return "—";
        }
        return MetricFormat.format(Metric.NVLINK_TX_BYTES, row.nvlinkTx()) + " / "
                + MetricFormat.format(Metric.NVLINK_RX_BYTES, row.nvlinkRx());
    }

    private static double hottestLink(List<GpuRow> rows) {
        double hottest = 0;
        for (GpuRow row : rows) {
            for (double rate : row.linkRates()) {
                if (!Double.isNaN(rate)) {
                    hottest = Math.max(hottest, rate);
                }
            }
        }
        return hottest;
    }

    private static HBox heatStrip(GpuRow row, double hottest) {
        HBox strip = new HBox(1);
        strip.getStyleClass().add("link-heat");
        for (int link = 0; link < Metric.nvlinkLinkCount(); link++) {
            double rate = row.linkRate(link);
            Region square = new Region();
            square.getStyleClass().add("link-heat-cell");
            square.setPrefSize(8, 14);
            square.setMinSize(8, 14);
            if (!Double.isNaN(rate)) {
                square.setStyle("-fx-background-color: " + web(heat(rate, hottest)) + ";");
                Tooltip.install(square, new Tooltip("Link " + link + ": " + MetricFormat.decimal(rate, 0) + " per second"));
            }
            strip.getChildren().add(square);
        }
        return strip;
    }

    /// The heat colour of `rate` where `hottest` is the node's busiest link.
    static Color heat(double rate, double hottest) {
        double share = hottest <= 0 ? 0 : Math.max(0, Math.min(1, rate / hottest));
        return COLD.interpolate(HOT, share);
    }

    private static String web(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(color.getRed() * 255),
                (int) Math.round(color.getGreen() * 255), (int) Math.round(color.getBlue() * 255));
    }
}
