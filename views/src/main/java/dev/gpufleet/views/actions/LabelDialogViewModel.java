package dev.gpufleet.views.actions;

import dev.gpufleet.core.actions.LabelEdit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/// The "Label…" dialog's state: the label changes as typed (`team=ml zone-`, kubectl's syntax),
/// what is wrong with them (naming the part), the typed confirmation a production context asks
/// for, and [#apply] once all is well. The nodes are the actions menu's targets when it opened.
public final class LabelDialogViewModel {

    private final NodeActionsViewModel actions;
    private final List<NodeTarget> targets;
    private final Optional<String> confirmation;
    private final StringProperty edits = new SimpleStringProperty(this, "edits", "");
    private final StringProperty typedConfirmation = new SimpleStringProperty(this, "typedConfirmation", "");
    private final StringBinding problem;

    public LabelDialogViewModel(NodeActionsViewModel actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.targets = actions.targetsProperty().get();
        this.confirmation = actions.confirmationFor(NodeAction.LABEL);
        this.problem = Bindings.createStringBinding(this::currentProblem, edits, typedConfirmation);
    }

    private String currentProblem() {
        if (edits.get().isBlank()) {
            return "Type key=value to set (or overwrite) a label, key- to remove one; several are separated by spaces.";
        }
        try {
            LabelEdit.parseAll(edits.get());
        } catch (IllegalArgumentException wrong) {
            return capitalised(wrong.getMessage()) + ".";
        }
        if (confirmation.isPresent() && !confirmation.get().equals(typedConfirmation.get().strip())) {
            return actions.confirmationPrompt(NodeAction.LABEL).orElse("");
        }
        return "";
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /// The nodes the labels go to, e.g. `gpu-h100-a-007` or `3 nodes`.
    public String targetsText() {
        return targets.size() == 1 ? targets.getFirst().node() + " in " + targets.getFirst().context()
                : targets.size() + " nodes";
    }

    /// The label changes as the user types them.
    public StringProperty editsProperty() {
        return edits;
    }

    /// What the user typed to confirm (see [#confirmationRequired]).
    public StringProperty typedConfirmationProperty() {
        return typedConfirmation;
    }

    /// Whether a production context asks for the node's name (or the node count) typed out.
    public boolean confirmationRequired() {
        return confirmation.isPresent();
    }

    /// The sentence asking for the confirmation; empty when none is needed.
    public String confirmationPrompt() {
        return actions.confirmationPrompt(NodeAction.LABEL).orElse("");
    }

    /// Why [#apply] would do nothing now, for people; empty when it is ready.
    public StringBinding problemProperty() {
        return problem;
    }

    /// Starts the label changes on every node (the outcome shows on the actions menu's model);
    /// returns false, doing nothing, while [#problemProperty] is not empty.
    public boolean apply() {
        if (!problem.get().isEmpty()) {
            return false;
        }
        actions.runLabel(LabelEdit.parseAll(edits.get()), typedConfirmation.get());
        return true;
    }
}
