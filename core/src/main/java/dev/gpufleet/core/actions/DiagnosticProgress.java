package dev.gpufleet.core.actions;

import java.util.Objects;

/// How far one run of DCGM's diagnostics has come, for progress in the UI.
///
/// @param detail what the step is about, e.g. the Job's or pod's name
public record DiagnosticProgress(Step step, String detail) {

    public DiagnosticProgress {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(detail, "detail");
    }

    /// The steps in order: the Job exists, its pod waits to start, runs `dcgmi diag`, and its
    /// output is read.
    public enum Step {
        JOB_CREATED("Job created"),
        POD_PENDING("pod pending"),
        POD_RUNNING("pod running"),
        COLLECTING("reading the result");

        private final String words;

        Step(String words) {
            this.words = words;
        }

        /// For people: `Job created`, `pod running`…
        public String words() {
            return words;
        }
    }

    /// For people: `pod running: gpufleet-dcgm-diag-x7k2p-bcdfg`.
    public String describe() {
        return detail.isEmpty() ? step.words() : step.words() + ": " + detail;
    }
}
