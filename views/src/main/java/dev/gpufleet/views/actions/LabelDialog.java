package dev.gpufleet.views.actions;

import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/// "Label…": one field for label changes in kubectl's syntax (`team=ml zone-`), what is wrong
/// with them as they are typed, and on a production context a field for the typed
/// confirmation. OK stays disabled until all is well. A thin view over a [LabelDialogViewModel].
public final class LabelDialog extends Dialog<Boolean> {

    public LabelDialog(@Nullable Window owner, LabelDialogViewModel model) {
        if (owner != null) {
            initOwner(owner);
        }
        setTitle("Label nodes");
        setHeaderText("Label " + model.targetsText());
        getDialogPane().getStyleClass().add("label-dialog");
        TextField edits = new TextField();
        edits.setId("label-edits");
        edits.setPromptText("key=value or key-  (e.g. example.com/team=ml gpu-burn-in-)");
        edits.textProperty().bindBidirectional(model.editsProperty());
        Label problem = new Label();
        problem.setId("label-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.problemProperty());
        VBox content = new VBox(8, new Label("Labels to set (key=value) or remove (key-):"), edits);
        if (model.confirmationRequired()) {
            content.getChildren().add(confirmation(model));
        }
        content.getChildren().add(problem);
        content.setPrefWidth(520);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("label-ok");
        ok.disableProperty().bind(model.problemProperty().isNotEmpty());
        setResultConverter(button -> button == ButtonType.OK && model.apply());
        setOnShown(event -> edits.requestFocus());
    }

    private static Node confirmation(LabelDialogViewModel model) {
        TextField typed = new TextField();
        typed.setId("label-confirm");
        typed.textProperty().bindBidirectional(model.typedConfirmationProperty());
        Label prompt = new Label(model.confirmationPrompt());
        prompt.setWrapText(true);
        return new VBox(4, prompt, typed);
    }
}
