package dev.gpufleet.views.node;

/// What NVLink traffic the node's telemetry lets the view show.
public enum TrafficMode {
    /// Per-link counters (`DCGM_FI_DEV_NVLINK_BANDWIDTH_L0`…): heat per GPU and link.
    PER_LINK("NVLink traffic per link, from DCGM's per-link counters. Links end at the GPU's "
            + "NVSwitch or peer, so traffic is per GPU and link, not per GPU pair."),
    /// Only per-GPU rates (`DCGM_FI_PROF_NVLINK_TX_BYTES` / `RX_BYTES`).
    PER_GPU("Per-link NVLink counters are not exported here; showing each GPU's NVLink transmit and "
            + "receive (DCGM_FI_PROF_NVLINK_TX/RX_BYTES) instead."),
    /// The board has no NVLink between its GPUs (PCIe cards).
    NO_NVLINK("These GPUs have no NVLink between them: they talk over PCIe, which DCGM does not count per link."),
    /// No NVLink figures at all.
    NONE("No NVLink traffic is reported for this node.");

    private final String explanation;

    TrafficMode(String explanation) {
        this.explanation = explanation;
    }

    public String explanation() {
        return explanation;
    }
}
