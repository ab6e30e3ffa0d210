package dev.gpufleet.connectors.dcgm;

/// The label names dcgm-exporter puts on its series.
public final class DcgmLabels {

    public static final String GPU = "gpu";
    public static final String UUID = "UUID";
    public static final String DEVICE = "device";
    public static final String MODEL_NAME = "modelName";
    /// Older exporters; newer ones print [#HOSTNAME_LOWER].
    public static final String HOSTNAME = "Hostname";
    public static final String HOSTNAME_LOWER = "hostname";
    public static final String PCI_BUS_ID = "pci_bus_id";
    public static final String DRIVER_VERSION = "DCGM_FI_DRIVER_VERSION";
    /// Some exporters label the product here instead of (or besides) `modelName`.
    public static final String DEV_NAME = "DCGM_FI_DEV_NAME";
    public static final String GPU_INSTANCE_ID = "GPU_I_ID";
    public static final String GPU_INSTANCE_PROFILE = "GPU_I_PROFILE";
    public static final String POD = "pod";
    public static final String NAMESPACE = "namespace";
    public static final String CONTAINER = "container";

    /// Every dcgm-exporter series name starts with this.
    public static final String SERIES_PREFIX = "DCGM_";

    private DcgmLabels() {
    }
}
