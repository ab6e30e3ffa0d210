package dev.gpufleet.views.fx;

import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Window;
import javafx.util.Subscription;

/// Ties a view's subscriptions to its place in the scene graph: bind on attach, release on
/// detach, so a view that is removed (a closed tab, a replaced screen) leaves no listener on
/// longer-lived view models.
public final class ViewLifecycle {

    private ViewLifecycle() {
    }

    /// Calls `bind` each time `node` joins a scene and cancels what it returned when the node
    /// leaves. The result stops watching altogether (and releases a live binding).
    public static Subscription whileInScene(Node node, Supplier<Subscription> bind) {
        return whileTrue(node.sceneProperty().map(scene -> true).orElse(false), bind);
    }

    /// Like [#whileInScene] but only while the node's window is showing: for work that costs
    /// something every frame, like an animation timer.
    public static Subscription whileShowing(Node node, Supplier<Subscription> bind) {
        ObservableValue<Boolean> showing = node.sceneProperty()
                .flatMap(Scene::windowProperty)
                .flatMap(Window::showingProperty)
                .orElse(false);
        return whileTrue(showing, bind);
    }

    private static Subscription whileTrue(ObservableValue<Boolean> condition, Supplier<Subscription> bind) {
        Subscription[] live = {Subscription.EMPTY};
        Subscription watch = condition.subscribe(active -> {
            live[0].unsubscribe();
            live[0] = Boolean.TRUE.equals(active) ? bind.get() : Subscription.EMPTY;
        });
        return () -> {
            watch.unsubscribe();
            live[0].unsubscribe();
            live[0] = Subscription.EMPTY;
        };
    }
}
