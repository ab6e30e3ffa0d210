package dev.gpufleet.sim.fleet;

import java.util.List;

/// How one MIG-enabled GPU is partitioned: valid mig-parted layouts of an 80 GB A100/H100.
public enum MigLayout {
    ALL_1G(MigProfile.G1_10GB, MigProfile.G1_10GB, MigProfile.G1_10GB, MigProfile.G1_10GB,
            MigProfile.G1_10GB, MigProfile.G1_10GB, MigProfile.G1_10GB),
    BALANCED(MigProfile.G3_40GB, MigProfile.G2_20GB, MigProfile.G1_10GB, MigProfile.G1_10GB),
    TWO_3G(MigProfile.G3_40GB, MigProfile.G3_40GB),
    FOUR_THREE(MigProfile.G4_40GB, MigProfile.G3_40GB),
    THREE_2G_ONE_1G(MigProfile.G2_20GB, MigProfile.G2_20GB, MigProfile.G2_20GB, MigProfile.G1_10GB),
    FULL_7G(MigProfile.G7_80GB);

    /// Most slots one GPU has: 7 MIG instances, or 8 compute partitions of an AMD card in CPX
    /// mode; sizes the per-slot arrays.
    public static final int MAX_INSTANCES = 8;

    private final List<MigProfile> profiles;
    private final int[] giIds;

    MigLayout(MigProfile... profiles) {
        this.profiles = List.of(profiles);
        this.giIds = assignGiIds(profiles);
    }

    // The first free id of each profile's candidates, in layout order, like the driver does.
    private static int[] assignGiIds(MigProfile[] profiles) {
        int[] ids = new int[profiles.length];
        boolean[] used = new boolean[16];
        for (int i = 0; i < profiles.length; i++) {
            MigProfile p = profiles[i];
            for (int c = 0; c < p.giIdCandidates(); c++) {
                int id = p.giIdCandidate(c);
                if (!used[id]) {
                    used[id] = true;
                    ids[i] = id;
                    break;
                }
            }
        }
        return ids;
    }

    public int instances() {
        return profiles.size();
    }

    public MigProfile profile(int instance) {
        return profiles.get(instance);
    }

    /// The GPU-instance id (`GPU_I_ID`) of an instance.
    public int giId(int instance) {
        return giIds[instance];
    }

    public List<MigProfile> profiles() {
        return profiles;
    }
}
