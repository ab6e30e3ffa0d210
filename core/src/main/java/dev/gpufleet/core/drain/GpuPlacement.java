package dev.gpufleet.core.drain;

import java.util.OptionalInt;

/// One GPU (by index) or MIG instance (GPU index and GPU instance id) a pod uses, as the
/// exporter attributes it.
public record GpuPlacement(int gpu, OptionalInt migInstance, String model) {

    @Override
    public String toString() {
        return "GPU " + gpu + (migInstance.isPresent() ? " MIG " + migInstance.getAsInt() : "");
    }
}
