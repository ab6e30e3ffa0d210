package dev.gpufleet.views.fx;

import static dev.gpufleet.views.FxTesting.await;
import static dev.gpufleet.views.FxTesting.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/// Cards in the corner of a window: shown with their text, closed by time, by their button or
/// by a click that also runs their action, and never more than three at once.
@ExtendWith(ApplicationExtension.class)
class ToastsTest {

    private Toasts toasts;

    @Start
    void start(Stage stage) {
        toasts = new Toasts();
        Pane owner = new Pane(toasts) {
            @Override
            protected void layoutChildren() {
                super.layoutChildren();
                toasts.placeIn(getWidth(), getHeight(), 0);
            }
        };
        stage.setScene(new Scene(owner, 800, 600));
        stage.show();
    }

    private Region show(String title, Duration shownFor, Runnable action) {
        return onFx(() -> toasts.show(title, "the text of " + title, shownFor, action, "danger"));
    }

    private int shown() {
        return onFx(() -> toasts.getChildren().size());
    }

    @Test
    void aCardShowsItsTitleAndTextInTheBottomRightCornerAndClosesByItself() {
        Region card = show("GPU failing", Duration.millis(600), () -> { });

        assertThat(card.lookupAll(".label")).extracting(node -> ((Label) node).getText())
                .contains("GPU failing", "the text of GPU failing");
        assertThat(card.getStyleClass()).contains("toast", "danger");
        await("laid out", () -> onFx(() -> toasts.getHeight() > 0));
        assertThat(onFx(() -> toasts.getLayoutX() + toasts.getWidth())).isGreaterThan(700);
        assertThat(onFx(() -> toasts.getLayoutY() + toasts.getHeight())).isGreaterThan(500);

        await("closed after its time", () -> shown() == 0);
    }

    @Test
    void clickingTheCardRunsItsActionAndClosesItButTheCloseButtonOnlyCloses(FxRobot robot) {
        AtomicInteger actions = new AtomicInteger();
        Region first = show("first", Duration.seconds(60), actions::incrementAndGet);
        await("laid out", () -> onFx(() -> first.getHeight() > 0));
        robot.clickOn(first.lookup(".toast-text"));
        assertThat(actions).hasValue(1);
        assertThat(shown()).isZero();

        Region second = show("second", Duration.seconds(60), actions::incrementAndGet);
        await("laid out", () -> onFx(() -> second.getHeight() > 0));
        robot.clickOn((Button) second.lookup(".toast-close"));
        assertThat(actions).as("closing is not acting").hasValue(1);
        assertThat(shown()).isZero();
    }

    @Test
    void aFourthCardClosesTheOldest() {
        for (String title : new String[] {"one", "two", "three", "four"}) {
            show(title, Duration.seconds(60), () -> { });
        }
        assertThat(shown()).isEqualTo(Toasts.MAX_SHOWN);
        assertThat(onFx(() -> toasts.getChildren().getFirst().lookup(".toast-title")))
                .extracting(node -> ((Label) node).getText()).isEqualTo("two");
    }
}
