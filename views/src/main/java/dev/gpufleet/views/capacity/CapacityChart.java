package dev.gpufleet.views.capacity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.util.StringConverter;

/// The trend: GPUs on average per category, stacked, over time (one series per
/// [CategoryLook], coloured by `capacity.css`; the chart's legend names them).
final class CapacityChart extends StackedAreaChart<Number, Number> {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final List<XYChart.Series<Number, Number>> series = new ArrayList<>();

    CapacityChart() {
        super(new NumberAxis(), new NumberAxis());
        setId("capacity-chart");
        getStyleClass().add("capacity-chart");
        setAnimated(false);
        setCreateSymbols(false);
        NumberAxis time = (NumberAxis) getXAxis();
        time.setForceZeroInRange(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number seconds) {
                return CLOCK.format(Instant.ofEpochSecond(seconds.longValue()));
            }

            /// Never called: an axis formats its tick labels and does not read them back.
            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
        getYAxis().setLabel("GPUs (average)");
        for (CategoryLook look : CategoryLook.ORDER) {
            XYChart.Series<Number, Number> one = new XYChart.Series<>();
            one.setName(look.label());
            series.add(one);
        }
        getData().setAll(series);
    }

    /// Draws `points` (oldest first), each at its bucket's start.
    void show(List<CapacityTrend.Point> points) {
        NumberAxis time = (NumberAxis) getXAxis();
        if (!points.isEmpty()) {
            // Ticks on whole buckets, at most about ten of them.
            long bucket = Math.max(1, points.getLast().length().toSeconds());
            long first = points.getFirst().start().getEpochSecond();
            long last = points.getLast().start().getEpochSecond();
            time.setAutoRanging(false);
            time.setLowerBound(first);
            time.setUpperBound(Math.max(last, first + bucket));
            time.setTickUnit(bucket * Math.max(1, Math.ceil((last - first) / (double) bucket / 10)));
        }
        for (CategoryLook look : CategoryLook.ORDER) {
            List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
            for (CapacityTrend.Point point : points) {
                data.add(new XYChart.Data<>(point.start().getEpochSecond(), point.gpus(look)));
            }
            series.get(look.ordinal()).getData().setAll(data);
        }
    }
}
