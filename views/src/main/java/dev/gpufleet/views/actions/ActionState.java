package dev.gpufleet.views.actions;

/// Whether a menu action is offered now, and if not, why (shown beside the disabled item).
public record ActionState(boolean enabled, String reason) {

    public static final ActionState CHECKING = new ActionState(false, "checking your permissions…");

    public static ActionState allowed() {
        return new ActionState(true, "");
    }

    public static ActionState disabled(String reason) {
        return new ActionState(false, reason);
    }
}
