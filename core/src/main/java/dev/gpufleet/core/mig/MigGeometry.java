package dev.gpufleet.core.mig;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/// A MIG-capable product's slices and profiles, and the placement of instances onto them.
///
/// Look one up with [#forProduct(String, double)]: the NVML product name (dcgm-exporter's
/// `modelName`) and the framebuffer size tell A100 40 GB from 80 GB and H100 80 GB from
/// H100 NVL (94 GB) and GH200 (96 GB). Anything else is [MigGeometryLookup.Unknown]: the
/// slices of a card gpufleet has no table for are never guessed.
public final class MigGeometry {

    private final String product;
    private final int computeSlices;
    private final int memorySlices;
    private final List<MigProfileSpec> profiles;
    private final Map<String, MigProfileSpec> byName = new HashMap<>();

    MigGeometry(String product, int computeSlices, int memorySlices, List<MigProfileSpec> profiles) {
        this.product = product;
        this.computeSlices = computeSlices;
        this.memorySlices = memorySlices;
        this.profiles = List.copyOf(profiles);
        for (MigProfileSpec profile : profiles) {
            byName.put(profile.name(), profile);
        }
    }

    /// Every product with a known geometry.
    public static List<MigGeometry> known() {
        return MigCatalog.ALL;
    }

    /// The geometry of the card NVML calls `productName` with `memoryMiB` of framebuffer
    /// (`NaN` or ≤ 0 when unknown: the name alone must then decide).
    public static MigGeometryLookup forProduct(String productName, double memoryMiB) {
        String name = productName.toUpperCase(Locale.ROOT);
        boolean sized = memoryMiB > 0;
        Optional<MigGeometry> found;
        if (name.contains("GH200")) {
            found = sized ? within(memoryMiB, 90_000, 100_000, MigCatalog.H100_96GB)
                    : Optional.of(MigCatalog.H100_96GB).filter(g -> name.contains("96"));
        } else if (name.contains("H200")) {
            found = sized ? within(memoryMiB, 130_000, 150_000, MigCatalog.H200_141GB)
                    : Optional.of(MigCatalog.H200_141GB);
        } else if (name.contains("H100")) {
            found = sized ? h100BySize(memoryMiB) : h100ByName(name);
        } else if (name.contains("A100")) {
            found = sized ? a100BySize(memoryMiB) : a100ByName(name);
        } else {
            return new MigGeometryLookup.Unknown("no MIG geometry is known for " + describe(productName)
                    + "; gpufleet knows A100, H100 and H200");
        }
        return found.<MigGeometryLookup>map(MigGeometryLookup.Found::new)
                .orElseGet(() -> new MigGeometryLookup.Unknown("no MIG geometry is known for "
                        + describe(productName) + (sized ? " with " + Math.round(memoryMiB) + " MiB" : "")
                        + "; its memory size does not match a product gpufleet has a table for"));
    }

    private static Optional<MigGeometry> within(double mib, double low, double high, MigGeometry geometry) {
        return mib >= low && mib <= high ? Optional.of(geometry) : Optional.empty();
    }

    private static Optional<MigGeometry> h100BySize(double mib) {
        if (mib >= 76_000 && mib <= 88_000) {
            return Optional.of(MigCatalog.H100_80GB);
        }
        return mib <= 96_500 ? within(mib, 88_000, 96_500, MigCatalog.H100_94GB)
                : within(mib, 96_500, 100_000, MigCatalog.H100_96GB);
    }

    private static Optional<MigGeometry> h100ByName(String name) {
        if (name.contains("NVL") || name.contains("94GB")) {
            return Optional.of(MigCatalog.H100_94GB);
        }
        return name.contains("80GB") || name.contains("PCIE") ? Optional.of(MigCatalog.H100_80GB) : Optional.empty();
    }

    private static Optional<MigGeometry> a100BySize(double mib) {
        return mib < 61_440 ? within(mib, 36_000, 61_440, MigCatalog.A100_40GB)
                : within(mib, 61_440, 90_000, MigCatalog.A100_80GB);
    }

    private static Optional<MigGeometry> a100ByName(String name) {
        if (name.contains("80GB")) {
            return Optional.of(MigCatalog.A100_80GB);
        }
        return name.contains("40GB") ? Optional.of(MigCatalog.A100_40GB) : Optional.empty();
    }

    private static String describe(String productName) {
        return productName.isBlank() ? "an unnamed product" : "'" + productName + "'";
    }

    /// The product this table is for, e.g. `H100-80GB`.
    public String product() {
        return product;
    }

    public int computeSlices() {
        return computeSlices;
    }

    public int memorySlices() {
        return memorySlices;
    }

    /// Every profile, smallest first.
    public List<MigProfileSpec> profiles() {
        return profiles;
    }

    public Optional<MigProfileSpec> profile(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /// Places `instances` on the card's slices.
    ///
    /// dcgm-exporter reports an instance's `GPU_I_ID` and profile but not its start slice, so
    /// the positions are **inferred** (every [MigSlot#inferred()] is true): each instance
    /// first tries the start its id names in the driver's slice tree (id 0 the whole card,
    /// 1–2 the halves, 3–6 the quarters, 7–14 the eighths, as A100 and H100 number them),
    /// then NVIDIA's allowed starts in their order; larger instances go first and a dead end
    /// backtracks. The result is deterministic and always a layout the driver accepts, though
    /// not necessarily the one on the card. Instances are rejected, never squeezed, when a
    /// profile is unknown, appears too often, or the set cannot fit together.
    public MigPlacement place(List<MigInstanceRef> instances) {
        List<MigProfileSpec> specs = new ArrayList<>(instances.size());
        Map<String, Integer> counts = new HashMap<>();
        Set<Integer> ids = new HashSet<>();
        for (MigInstanceRef instance : instances) {
            MigProfileSpec spec = byName.get(instance.profile());
            if (spec == null) {
                return new MigPlacement.Rejected(MigPlacement.Reason.UNKNOWN_PROFILE, "the " + product
                        + " has no MIG profile '" + instance.profile() + "' (it has " + profileNames() + ")");
            }
            if (!ids.add(instance.gpuInstanceId())) {
                return new MigPlacement.Rejected(MigPlacement.Reason.DOES_NOT_FIT,
                        "GPU instance id " + instance.gpuInstanceId() + " appears twice");
            }
            int count = counts.merge(spec.name(), 1, Integer::sum);
            if (count > spec.maxInstances()) {
                return new MigPlacement.Rejected(MigPlacement.Reason.TOO_MANY, "the " + product + " holds at most "
                        + spec.maxInstances() + " × " + spec.name() + ", got " + count);
            }
            specs.add(spec);
        }
        long media = specs.stream().filter(MigProfileSpec::mediaExtensions).count();
        if (media > 1) {
            return new MigPlacement.Rejected(MigPlacement.Reason.TOO_MANY,
                    "the " + product + " has one set of media extensions, " + media + " +me instances ask for it");
        }
        return new Placer(instances, specs).run();
    }

    private String profileNames() {
        return String.join(", ", profiles.stream().map(MigProfileSpec::name).toList());
    }

    /// The memory slice an instance id names in the driver's slice tree, or -1 when the id's
    /// level is not the profile's size.
    static int treeStart(int gpuInstanceId, int memorySlices) {
        int level = 31 - Integer.numberOfLeadingZeros(gpuInstanceId + 1);
        int span = 8 >> level;
        if (level > 3 || span != memorySlices) {
            return -1;
        }
        return (gpuInstanceId + 1 - (1 << level)) * span;
    }

    @Override
    public String toString() {
        return product;
    }

    /// Backtracking search over start positions, larger instances first.
    private final class Placer {
        private final List<MigInstanceRef> instances;
        private final List<MigProfileSpec> specs;
        private final Integer[] order;
        private final int[] computeStart;
        private final int[] memoryStart;

        Placer(List<MigInstanceRef> instances, List<MigProfileSpec> specs) {
            this.instances = instances;
            this.specs = specs;
            this.order = new Integer[instances.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> -specs.get(i).computeSlices())
                    .thenComparingInt(i -> -specs.get(i).memorySlices())
                    .thenComparingInt(i -> instances.get(i).gpuInstanceId()));
            this.computeStart = new int[order.length];
            this.memoryStart = new int[order.length];
        }

        MigPlacement run() {
            if (!search(0, 0, 0)) {
                return new MigPlacement.Rejected(MigPlacement.Reason.DOES_NOT_FIT, "these instances do not fit on one "
                        + product + " together: " + String.join(", ",
                        specs.stream().map(MigProfileSpec::name).toList()));
            }
            List<MigSlot> slots = new ArrayList<>(order.length);
            for (int i = 0; i < order.length; i++) {
                slots.add(new MigSlot(instances.get(i), specs.get(i), computeStart[i], memoryStart[i], true));
            }
            return new MigPlacement.Placed(slots);
        }

        private boolean search(int depth, int computeUsed, int memoryUsed) {
            if (depth == order.length) {
                return true;
            }
            int index = order[depth];
            MigProfileSpec spec = specs.get(index);
            for (int start : candidates(index, spec)) {
                int compute = mask(start, spec.computeSlices());
                int memory = mask(start, spec.memorySlices());
                if (start + spec.computeSlices() <= computeSlices && start + spec.memorySlices() <= memorySlices
                        && (compute & computeUsed) == 0 && (memory & memoryUsed) == 0) {
                    computeStart[index] = start;
                    memoryStart[index] = start;
                    if (search(depth + 1, computeUsed | compute, memoryUsed | memory)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private List<Integer> candidates(int index, MigProfileSpec spec) {
            int hinted = treeStart(instances.get(index).gpuInstanceId(), spec.memorySlices());
            if (hinted < 0 || !spec.mayStartAt(hinted)) {
                return spec.starts();
            }
            List<Integer> starts = new ArrayList<>(spec.starts().size());
            starts.add(hinted);
            spec.starts().stream().filter(s -> s != hinted).forEach(starts::add);
            return starts;
        }

        private static int mask(int start, int length) {
            return ((1 << length) - 1) << start;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MigGeometry that && product.equals(that.product);
    }

    @Override
    public int hashCode() {
        return Objects.hash(product);
    }
}
