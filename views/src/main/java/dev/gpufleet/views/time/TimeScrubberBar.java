package dev.gpufleet.views.time;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Subscription;

/// The time scrubber under the heatmap: drag the slider through the retained history and the
/// heatmap replays it; `Live` returns to the live fleet; the arrows step one minute.
public final class TimeScrubberBar extends HBox {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final TimeScrubberModel model;
    private final Slider slider = new Slider(0, 1, 1);
    private final ToggleButton live = new ToggleButton("Live");
    private final Label where = new Label("Live");
    private boolean updating;

    public TimeScrubberBar(TimeScrubberModel model) {
        this.model = model;
        getStyleClass().add("time-scrubber");
        setAlignment(Pos.CENTER_LEFT);
        setSpacing(8);
        setStyle("-fx-padding: 4 10;");
        Button back = new Button("◀ 1 min");
        Button forward = new Button("1 min ▶");
        back.setOnAction(e -> model.step(Duration.ofMinutes(-1)));
        forward.setOnAction(e -> model.step(Duration.ofMinutes(1)));
        slider.setId("time-slider");
        live.setId("time-live");
        where.setId("time-position");
        live.setTooltip(new Tooltip("Show the live fleet"));
        live.setOnAction(e -> model.goLive());
        slider.setTooltip(new Tooltip("Replay the fleet over the retained history"));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setOnMousePressed(e -> model.refreshRange());
        slider.valueProperty().addListener((observable, before, value) -> {
            if (!updating) {
                model.scrubToFraction(value.doubleValue());
            }
        });
        getChildren().addAll(new Label("History"), back, slider, forward, live, where);
        Subscription.combine(
                model.liveProperty().subscribe(this::showMode),
                model.positionProperty().subscribe(position -> showMode()),
                model.rangeProperty().subscribe(range -> showMode()),
                model.problemProperty().subscribe(problem -> showMode()));
        model.refreshRange();
    }

    private void showMode() {
        boolean isLive = model.liveProperty().get();
        live.setSelected(isLive);
        Instant at = model.positionProperty().get();
        String problem = model.problemProperty().get();
        if (!problem.isEmpty()) {
            where.setText(problem);
        } else if (isLive || at == null) {
            where.setText("Live");
        } else {
            where.setText("Replaying " + CLOCK.format(at) + " ("
                    + Duration.between(at, Instant.now()).toMinutes() + " min ago)");
        }
        updating = true;
        try {
            slider.setValue(model.fraction());
        } finally {
            updating = false;
        }
    }

    public Slider slider() {
        return slider;
    }

    public ToggleButton liveButton() {
        return live;
    }

    public Label positionLabel() {
        return where;
    }
}
