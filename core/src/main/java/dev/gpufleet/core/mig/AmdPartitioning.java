package dev.gpufleet.core.mig;

import java.util.Locale;
import java.util.Optional;

/// How an AMD Instinct card splits into compute partitions: its accelerator complex dies
/// (XCDs) shared equally among the partitions of the compute-partition mode (SPX one, DPX
/// two, TPX three, QPX four, CPX one per XCD), so partition `p` owns XCDs
/// `p × width ..< (p + 1) × width`. The AMD interpreter lands partitions as instances of
/// their card (id = `gpu_partition_id`, profile = the mode), which is what this reads.
///
/// @param product    the family matched, e.g. `MI300X`
/// @param xcds       accelerator complex dies on the card
/// @param partitions compute partitions in this mode
public record AmdPartitioning(String product, int xcds, int partitions) {

    /// Whether `productName` names an AMD Instinct accelerator.
    public static boolean isAmdInstinct(String productName) {
        String name = productName.toUpperCase(Locale.ROOT);
        return name.contains("INSTINCT") || name.matches(".*\\bMI\\d{3}.*");
    }

    /// The partitioning of `productName` in compute-partition `mode` (`SPX`, `DPX`, `TPX`,
    /// `QPX`, `CPX`; blank means SPX), or empty for a card or mode without a known XCD count.
    public static Optional<AmdPartitioning> of(String productName, String mode) {
        String name = productName.toUpperCase(Locale.ROOT);
        String family;
        int xcds;
        if (name.contains("MI300A")) {
            family = "MI300A";
            xcds = 6;
        } else if (name.matches(".*\\bMI3[0-5][05]X.*")) {
            family = name.replaceAll(".*\\b(MI3[0-5][05]X).*", "$1");
            xcds = 8;
        } else {
            return Optional.empty();
        }
        int partitions = switch (mode.strip().toUpperCase(Locale.ROOT)) {
            case "", "SPX" -> 1;
            case "DPX" -> 2;
            case "TPX" -> 3;
            case "QPX" -> 4;
            case "CPX" -> xcds;
            default -> -1;
        };
        return partitions > 0 && xcds % partitions == 0
                ? Optional.of(new AmdPartitioning(family, xcds, partitions)) : Optional.empty();
    }

    /// XCDs per partition.
    public int width() {
        return xcds / partitions;
    }

    /// The first XCD of partition `partitionId`, or -1 when the card has no such partition.
    public int start(int partitionId) {
        return partitionId >= 0 && partitionId < partitions ? partitionId * width() : -1;
    }
}
