package dev.gpufleet.views.fx;

import java.util.Objects;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/// Short-lived cards stacked in a corner of a window ("toasts"), newest at the bottom: a title,
/// a text, a close button; clicking the card runs its action and closes it, and it closes by
/// itself after a while (not while the pointer rests on it).
///
/// They are nodes of the window's own scene, not popup windows: showing one costs a few
/// nodes' layout and CSS, never a new native window (ControlsFX's popup notifications took a
/// third of a second to appear on a busy machine, stole focus from the next click in robot
/// tests, and closed any open menu). The owner adds the stack as an unmanaged child and
/// places it ([#placeIn]).
public final class Toasts extends VBox {

    /// At most this many cards are shown; a new one closes the oldest.
    public static final int MAX_SHOWN = 3;
    private static final String STYLESHEET =
            Objects.requireNonNull(Toasts.class.getResource("toasts.css")).toExternalForm();
    private static final double WIDTH = 380;
    private static final double MARGIN = 16;

    public Toasts() {
        getStyleClass().add("toasts");
        getStylesheets().add(STYLESHEET);
        setSpacing(8);
        setFillWidth(true);
        setPickOnBounds(false);
        setManaged(false);
        setAlignment(Pos.BOTTOM_RIGHT);
        // Unmanaged: a change of cards does not reach the owner's layout by itself, and the owner
        // sizes and places the stack.
        getChildren().addListener((ListChangeListener<Node>) change -> {
            if (getParent() != null) {
                getParent().requestLayout();
            }
        });
    }

    /// Shows a card with `styleClasses` (e.g. `danger`) for `shownFor`; clicking it runs
    /// `onAction` and closes it. Returns the card.
    public Region show(String title, String text, Duration shownFor, Runnable onAction, String... styleClasses) {
        Label heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("✕");
        close.getStyleClass().add("toast-close");
        close.setFocusTraversable(false);
        Label body = new Label(text);
        body.getStyleClass().add("toast-text");
        body.setWrapText(true);
        VBox card = new VBox(new HBox(heading, spacer, close), body);
        card.getStyleClass().add("toast");
        card.getStyleClass().addAll(styleClasses);
        card.setMaxWidth(WIDTH);
        card.setPrefWidth(WIDTH);

        PauseTransition hide = new PauseTransition(shownFor);
        hide.setOnFinished(event -> getChildren().remove(card));
        close.setOnAction(event -> {
            hide.stop();
            getChildren().remove(card);
        });
        // A click on the close button closes; anywhere else on the card acts.
        close.addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
        card.setOnMouseClicked(event -> {
            hide.stop();
            getChildren().remove(card);
            onAction.run();
        });
        card.setOnMouseEntered(event -> hide.pause());
        card.setOnMouseExited(event -> hide.play());

        while (getChildren().size() >= MAX_SHOWN) {
            getChildren().removeFirst();
        }
        getChildren().add(card);
        toFront();
        FadeTransition appear = new FadeTransition(Duration.millis(150), card);
        appear.setFromValue(0);
        appear.setToValue(1);
        appear.play();
        hide.play();
        return card;
    }

    /// Places the stack in the bottom-right corner of a `width` × `height` owner, `bottomInset`
    /// above its bottom edge (e.g. above a status bar); call from the owner's `layoutChildren`.
    public void placeIn(double width, double height, double bottomInset) {
        double w = Math.min(WIDTH, Math.max(0, width - 2 * MARGIN));
        double h = prefHeight(w);
        resizeRelocate(width - w - MARGIN, height - h - bottomInset - MARGIN, w, h);
    }
}
