package dev.gpufleet.views.heatmap;

import dev.gpufleet.views.format.MetricFormat;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.SkinBase;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;

/// Lays the legend out in one row: title, minimum, ramp, maximum, thresholds, swatches.
final class HeatmapLegendSkin extends SkinBase<HeatmapLegend> {

    private static final int RAMP_WIDTH = 160;
    private static final int RAMP_HEIGHT = 10;
    private static final int SWATCH_CELL = 10;
    private static final int SWATCH_SIZE = 16;

    private final Label title = label("legend-title");
    private final Label min = label("legend-tick");
    private final Label max = label("legend-tick");
    private final Label thresholds = label("legend-tick");
    private final ImageView ramp = new ImageView();
    private final List<ImageView> swatches = new ArrayList<>();

    HeatmapLegendSkin(HeatmapLegend legend) {
        super(legend);
        HBox box = new HBox(title, min, ramp, max, thresholds, separator());
        box.getStyleClass().add("legend-box");
        for (HeatmapRenderer.Swatch kind : HeatmapRenderer.Swatch.values()) {
            ImageView swatch = new ImageView();
            swatches.add(swatch);
            Label caption = label("legend-swatch-label");
            caption.setText(caption(kind));
            caption.setGraphic(swatch);
            box.getChildren().add(caption);
        }
        getChildren().add(box);
        registerChangeListener(legend.metricProperty(), e -> update());
        registerChangeListener(legend.paletteProperty(), e -> update());
        update();
    }

    private void update() {
        HeatmapMetric metric = getSkinnable().getMetric();
        ColorScale scale = metric.scale();
        title.setText(metric.displayName() + " (" + metric.unit() + ")");
        min.setText(MetricFormat.decimal(scale.min(), 0));
        max.setText(MetricFormat.decimal(scale.max(), 0));
        double[] steps = scale.thresholds();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.length; i++) {
            text.append(i == 0 ? "warm ≥ " : "  hot ≥ ").append(MetricFormat.decimal(steps[i], 0));
        }
        thresholds.setText(text.toString());
        thresholds.setVisible(steps.length > 0);
        thresholds.setManaged(steps.length > 0);
        int[] rampPixels = new int[RAMP_WIDTH * RAMP_HEIGHT];
        HeatmapRenderer.renderRamp(new PixelTarget(rampPixels, RAMP_WIDTH, RAMP_HEIGHT, 0, 0), scale);
        ramp.setImage(image(rampPixels, RAMP_WIDTH, RAMP_HEIGHT));
        HeatmapRenderer.Swatch[] kinds = HeatmapRenderer.Swatch.values();
        for (int i = 0; i < kinds.length; i++) {
            int[] pixels = new int[SWATCH_SIZE * SWATCH_SIZE];
            HeatmapRenderer.renderSwatch(new PixelTarget(pixels, SWATCH_SIZE, SWATCH_SIZE, 0, 0), SWATCH_CELL,
                    kinds[i], getSkinnable().paletteProperty().get(), scale);
            swatches.get(i).setImage(image(pixels, SWATCH_SIZE, SWATCH_SIZE));
        }
    }

    private static WritableImage image(int[] pixels, int width, int height) {
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbPreInstance(), pixels, 0, width);
        return image;
    }

    private static String caption(HeatmapRenderer.Swatch kind) {
        return switch (kind) {
            case IDLE -> "idle (≤ 1 %)";
            case NO_TELEMETRY -> "no telemetry";
            case STALE -> "stale (last value)";
            case WARNING -> "warning";
            case FAILING -> "failing";
            case CORDONED -> "cordoned node";
        };
    }

    private static Label label(String styleClass) {
        Label label = new Label();
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static Separator separator() {
        Separator separator = new Separator(Orientation.VERTICAL);
        separator.getStyleClass().add("legend-separator");
        return separator;
    }
}
