package dev.gpufleet.views.status;

import atlantafx.base.controls.Spacer;
import dev.gpufleet.core.store.ConnectionState;
import dev.gpufleet.views.fx.ViewLifecycle;
import java.util.Locale;
import java.util.Objects;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/// The bottom bar: a chip per cluster (icon and colour by connection state, details on
/// hover), the fleet's GPU counts and the snapshot's age.
public final class FleetStatusBar extends HBox {

    static final String STYLESHEET =
            Objects.requireNonNull(FleetStatusBar.class.getResource("status.css")).toExternalForm();

    private final StatusBarViewModel model;
    private final HBox chips = new HBox();
    private final Label gpus = new Label();
    private final Label age = new Label();

    public FleetStatusBar(StatusBarViewModel model) {
        this.model = model;
        getStyleClass().add("fleet-status-bar");
        getStylesheets().add(STYLESHEET);
        chips.getStyleClass().add("cluster-chips");
        gpus.getStyleClass().add("gpu-summary");
        gpus.setGraphic(new FontIcon(MaterialDesignC.CHIP));
        age.getStyleClass().add("snapshot-age");
        age.setGraphic(new FontIcon(MaterialDesignC.CLOCK_OUTLINE));
        getChildren().addAll(chips, new Spacer(), gpus, age);
        ViewLifecycle.whileInScene(this, this::bind);
    }

    private Subscription bind() {
        return Subscription.combine(
                model.clusters().subscribe(this::rebuildChips),
                model.gpuSummaryProperty().subscribe(gpus::setText),
                model.snapshotAgeProperty().subscribe(age::setText),
                model.snapshotOldProperty().subscribe(old -> age.pseudoClassStateChanged(
                        PseudoClass.getPseudoClass("old"), old)));
    }

    private void rebuildChips() {
        chips.getChildren().clear();
        for (ClusterStatusItem item : model.clusters()) {
            chips.getChildren().add(chip(item));
        }
    }

    /// A cluster's chip; public to the package so tests can read what a person sees.
    static Label chip(ClusterStatusItem item) {
        String text = item.state() == ConnectionState.LIVE ? item.name() : item.name() + " · " + item.state().name();
        String stale = item.staleTelemetry();
        if (stale != null) {
            // "since" stays in the tooltip; the chip says how much.
            text += " · " + stale.substring(0, stale.indexOf(" since "));
        }
        Label chip = new Label(text, new FontIcon(icon(item.state())));
        chip.getStyleClass().add("cluster-chip");
        chip.pseudoClassStateChanged(PseudoClass.getPseudoClass(item.state().name().toLowerCase(Locale.ROOT)), true);
        chip.pseudoClassStateChanged(PseudoClass.getPseudoClass("stale"), stale != null);
        Tooltip tooltip = new Tooltip(item.detail() + "\n" + item.gpuCount() + " GPUs");
        tooltip.setShowDelay(Duration.millis(200));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(480);
        chip.setTooltip(tooltip);
        chip.setUserData(item);
        return chip;
    }

    static Ikon icon(ConnectionState state) {
        return switch (state) {
            case LIVE -> MaterialDesignC.CHECK_CIRCLE;
            case CONNECTING, SYNCING -> MaterialDesignS.SYNC;
            case DEGRADED -> MaterialDesignA.ALERT;
            case UNREACHABLE -> MaterialDesignL.LAN_DISCONNECT;
            case UNAUTHORIZED -> MaterialDesignL.LOCK_ALERT;
            case DISCONNECTED -> MaterialDesignC.CLOUD_OFF_OUTLINE;
        };
    }
}
