package dev.gpufleet.views.heatmap;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Control;
import javafx.scene.control.Skin;

/// The key to the heatmap: the metric's name and unit, its colour ramp from minimum to maximum
/// (with thresholds marked), and samples of the special cells — no telemetry, stale, warning,
/// failing, cordoned node — drawn by the same renderer as the heatmap so they match exactly.
///
/// Bind [#paletteProperty()] to [FleetHeatmap#paletteProperty()] so theme colours agree.
public class HeatmapLegend extends Control {

    private final ObjectProperty<HeatmapMetric> metric =
            new SimpleObjectProperty<>(this, "metric", HeatmapMetric.UTILIZATION);
    private final ObjectProperty<HeatmapPalette> palette =
            new SimpleObjectProperty<>(this, "palette", HeatmapPalette.DARK);

    public HeatmapLegend() {
        getStyleClass().add("heatmap-legend");
    }

    @Override
    protected Skin<?> createDefaultSkin() {
        return new HeatmapLegendSkin(this);
    }

    @Override
    public String getUserAgentStylesheet() {
        return FleetHeatmap.STYLESHEET;
    }

    public ObjectProperty<HeatmapMetric> metricProperty() {
        return metric;
    }

    public HeatmapMetric getMetric() {
        return metric.get();
    }

    public void setMetric(HeatmapMetric value) {
        metric.set(Objects.requireNonNull(value, "metric"));
    }

    public ObjectProperty<HeatmapPalette> paletteProperty() {
        return palette;
    }
}
