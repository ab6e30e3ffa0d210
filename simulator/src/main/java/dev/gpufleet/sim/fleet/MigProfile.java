package dev.gpufleet.sim.fleet;

/// A MIG GPU-instance profile of the 80 GB A100/H100 class, with what GFD and DCGM say about it.
///
/// `giIds` are the GPU-instance ids the driver hands out for the profile, in placement order.
public enum MigProfile {
    G1_10GB("1g.10gb", 1, 9728, 14, 16, 1, 0, new int[] {7, 8, 9, 10, 11, 12, 13}),
    G2_20GB("2g.20gb", 2, 19968, 28, 32, 2, 1, new int[] {3, 4, 5}),
    G3_40GB("3g.40gb", 3, 40192, 42, 60, 3, 2, new int[] {1, 2}),
    G4_40GB("4g.40gb", 4, 40192, 56, 64, 4, 2, new int[] {1}),
    G7_80GB("7g.80gb", 7, 80896, 98, 132, 7, 5, new int[] {0});

    private final String profileName;
    private final int slices;
    private final int memoryMiB;
    private final int smsAmpere;
    private final int smsHopper;
    private final int copyEngines;
    private final int decoders;
    private final int[] giIds;

    MigProfile(String profileName, int slices, int memoryMiB, int smsAmpere, int smsHopper,
            int copyEngines, int decoders, int[] giIds) {
        this.profileName = profileName;
        this.slices = slices;
        this.memoryMiB = memoryMiB;
        this.smsAmpere = smsAmpere;
        this.smsHopper = smsHopper;
        this.copyEngines = copyEngines;
        this.decoders = decoders;
        this.giIds = giIds;
    }

    /// The profile name as NVIDIA writes it, e.g. `1g.10gb`.
    public String profileName() {
        return profileName;
    }

    /// The extended resource name under the mixed strategy, e.g. `nvidia.com/mig-1g.10gb`.
    public String resourceName() {
        return "nvidia.com/mig-" + profileName;
    }

    public int slices() {
        return slices;
    }

    public int memoryMiB() {
        return memoryMiB;
    }

    public int multiprocessors(GpuModel model) {
        return model.family().equals("hopper") ? smsHopper : smsAmpere;
    }

    public int copyEngines() {
        return copyEngines;
    }

    public int decoders() {
        return decoders;
    }

    int giIdCandidate(int i) {
        return giIds[i];
    }

    int giIdCandidates() {
        return giIds.length;
    }
}
