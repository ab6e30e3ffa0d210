package dev.gpufleet.core.mig;

import java.util.List;

/// NVIDIA's MIG profile tables for the products gpufleet draws: the MIG user guide's
/// "Supported MIG Profiles" (fractions of memory and SMs, instances available) with the
/// placements `nvidia-smi mig -lgipp` lists (memory-slice start, size).
///
/// All of these cards have seven compute slices and eight memory slices. A profile starts its
/// compute slices at the same position as its memory slices; the eighth memory slice has no
/// compute slice of its own and is reachable only by the profiles that span it.
final class MigCatalog {

    static final int COMPUTE_SLICES = 7;
    static final int MEMORY_SLICES = 8;

    static final MigGeometry A100_40GB = eighths("A100-40GB", "1g.5gb", "1g.10gb", "2g.10gb", "3g.20gb",
            "4g.20gb", "7g.40gb");
    static final MigGeometry A100_80GB = eighths("A100-80GB", "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
            "4g.40gb", "7g.80gb");
    static final MigGeometry H100_80GB = eighths("H100-80GB", "1g.10gb", "1g.20gb", "2g.20gb", "3g.40gb",
            "4g.40gb", "7g.80gb");
    /// H100 NVL.
    static final MigGeometry H100_94GB = eighths("H100-94GB", "1g.12gb", "1g.24gb", "2g.24gb", "3g.47gb",
            "4g.47gb", "7g.94gb");
    /// The H100 of a GH200 Grace Hopper superchip.
    static final MigGeometry H100_96GB = eighths("H100-96GB", "1g.12gb", "1g.24gb", "2g.24gb", "3g.48gb",
            "4g.48gb", "7g.96gb");
    static final MigGeometry H200_141GB = eighths("H200-141GB", "1g.18gb", "1g.35gb", "2g.35gb", "3g.71gb",
            "4g.71gb", "7g.141gb");

    static final List<MigGeometry> ALL = List.of(A100_40GB, A100_80GB, H100_80GB, H100_94GB, H100_96GB, H200_141GB);

    private MigCatalog() {
    }

    /// The seven-compute / eight-memory-slice family, from its profile names smallest first:
    /// the 1g with one memory slice (and its `+me` twin), the 1g with two, then 2g, 3g, 4g, 7g.
    private static MigGeometry eighths(String product, String oneSmall, String oneLarge, String two,
                                       String three, String four, String seven) {
        List<Integer> everyOne = List.of(0, 1, 2, 3, 4, 5, 6);
        return new MigGeometry(product, COMPUTE_SLICES, MEMORY_SLICES, List.of(
                new MigProfileSpec(oneSmall, 1, 1, everyOne, 7),
                new MigProfileSpec(oneSmall + "+me", 1, 1, everyOne, 1),
                new MigProfileSpec(oneLarge, 1, 2, List.of(0, 2, 4, 6), 4),
                new MigProfileSpec(two, 2, 2, List.of(0, 2, 4), 3),
                new MigProfileSpec(three, 3, 4, List.of(0, 4), 2),
                new MigProfileSpec(four, 4, 4, List.of(0), 1),
                new MigProfileSpec(seven, 7, 8, List.of(0), 1)));
    }
}
