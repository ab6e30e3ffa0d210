package dev.gpufleet.views.details;

/// The row types of the details panel's tables; plain immutable text, compared by value so a
/// new snapshot with the same readings changes nothing on screen.
public final class DetailRows {

    private DetailRows() {
    }

    /// A label and its value, e.g. `Zone` / `us-east-1a`.
    public record Field(String label, String value) {
    }

    /// One metric: display name, formatted value (or "not reported"), and whether it was.
    public record MetricRow(String name, String value, boolean reported) {
    }

    /// One MIG instance of the GPU.
    public record MigRow(String instance, String profile, String utilization, String memory, String pods) {
    }

    /// A pod: `namespace/name`, where or how it uses GPUs, and its state.
    public record PodRow(String pod, String usage, String state) {
    }
}
