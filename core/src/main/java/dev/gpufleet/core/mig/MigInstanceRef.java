package dev.gpufleet.core.mig;

import java.util.Objects;

/// An instance as the exporter names it: `GPU_I_ID` and `GPU_I_PROFILE`.
public record MigInstanceRef(int gpuInstanceId, String profile) {

    public MigInstanceRef {
        Objects.requireNonNull(profile, "profile");
    }
}
