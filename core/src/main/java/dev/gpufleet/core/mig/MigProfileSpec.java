package dev.gpufleet.core.mig;

import java.util.List;
import java.util.Objects;

/// One GPU-instance profile of a product, as NVIDIA's MIG user guide tables it and
/// `nvidia-smi mig -lgipp` lists its placements.
///
/// @param name           the profile as dcgm-exporter's `GPU_I_PROFILE` label writes it, e.g. `1g.10gb`
/// @param computeSlices  compute slices (GPCs) it owns: the number before `g`
/// @param memorySlices   memory slices it owns (one eighth of the framebuffer each on A100/H100/H200)
/// @param starts         the memory slices it may start at, in NVIDIA's order
/// @param maxInstances   how many instances of it one GPU can hold at once (one for `+me`
///                       profiles: a card has one set of media engines to give away)
public record MigProfileSpec(String name, int computeSlices, int memorySlices, List<Integer> starts,
                             int maxInstances) {

    public MigProfileSpec {
        Objects.requireNonNull(name, "name");
        starts = List.copyOf(starts);
        if (computeSlices < 1 || memorySlices < 1 || starts.isEmpty() || maxInstances < 1) {
            throw new IllegalArgumentException("malformed MIG profile " + name);
        }
    }

    /// Whether this profile carries the card's media extensions (decoders, JPEG, OFA).
    public boolean mediaExtensions() {
        return name.endsWith("+me");
    }

    /// Whether it may start at memory slice `memoryStart`.
    public boolean mayStartAt(int memoryStart) {
        return starts.contains(memoryStart);
    }
}
