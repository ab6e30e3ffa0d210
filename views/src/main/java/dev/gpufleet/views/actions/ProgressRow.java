package dev.gpufleet.views.actions;

/// One pod's progress during a drain or a rebalance.
///
/// @param detail what is happening to it now, in words (`held back by ml/pdb — attempt 3, retrying in 5 s`)
public record ProgressRow(String pod, State state, String detail) {

    public enum State {
        WAITING("waiting"), EVICTING("evicting"), HELD_BACK("held back"), GONE("gone"), REPLACED("replaced"),
        FAILED("failed"),
        /// A rebalance was cancelled (or timed out) before this pod's move was done.
        STOPPED("stopped");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /// Whether the pod is done with, one way or the other.
        public boolean finished() {
            return this == GONE || this == REPLACED || this == FAILED || this == STOPPED;
        }
    }
}
