package dev.gpufleet.core.mig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigGeometryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA A100-SXM4-40GB   | 40960  | A100-40GB
            NVIDIA A100-PCIE-40GB   | 40536  | A100-40GB
            NVIDIA A100-SXM4-80GB   | 81920  | A100-80GB
            NVIDIA A100 80GB PCIe   | 81251  | A100-80GB
            NVIDIA H100 80GB HBM3   | 81559  | H100-80GB
            NVIDIA H100 PCIe        | 81559  | H100-80GB
            NVIDIA H100 NVL         | 95830  | H100-94GB
            NVIDIA GH200 480GB      | 97871  | H100-96GB
            NVIDIA H200             | 143771 | H200-141GB
            NVIDIA H200 NVL         | 143771 | H200-141GB
            NVIDIA A100-SXM4-80GB   | NaN    | A100-80GB
            NVIDIA H100 NVL         | NaN    | H100-94GB
            NVIDIA H200             | 0      | H200-141GB
            """)
    void findsTheProductBySizeOrName(String name, double mib, String product) {
        assertThat(MigGeometry.forProduct(name, mib))
                .isInstanceOfSatisfying(MigGeometryLookup.Found.class,
                        found -> assertThat(found.geometry().product()).isEqualTo(product));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            NVIDIA L40S             | 46068
            NVIDIA A100-SXM4-40GB   | 20000
            NVIDIA H100 80GB HBM3   | 200000
            NVIDIA A100             | NaN
            ''                      | 81920
            """)
    void saysUnknownInsteadOfGuessing(String name, double mib) {
        assertThat(MigGeometry.forProduct(name, mib)).isInstanceOfSatisfying(MigGeometryLookup.Unknown.class,
                unknown -> assertThat(unknown.reason()).contains("no MIG geometry is known"));
    }

    @Test
    void everyProductHasSevenComputeAndEightMemorySlicesAndSevenProfiles() {
        assertThat(MigGeometry.known()).hasSize(6).allSatisfy(geometry -> {
            assertThat(geometry.computeSlices()).isEqualTo(7);
            assertThat(geometry.memorySlices()).isEqualTo(8);
            assertThat(geometry.profiles()).extracting(MigProfileSpec::computeSlices)
                    .containsExactly(1, 1, 1, 2, 3, 4, 7);
            assertThat(geometry.profiles()).extracting(MigProfileSpec::memorySlices)
                    .containsExactly(1, 1, 2, 2, 4, 4, 8);
            assertThat(geometry.profiles()).extracting(MigProfileSpec::maxInstances)
                    .containsExactly(7, 1, 4, 3, 2, 1, 1);
        });
    }

    @Test
    void profileNamesFollowEachProductsMemory() {
        assertThat(names(MigCatalog.A100_40GB)).containsExactly("1g.5gb", "1g.5gb+me", "1g.10gb", "2g.10gb",
                "3g.20gb", "4g.20gb", "7g.40gb");
        assertThat(names(MigCatalog.A100_80GB)).containsExactly("1g.10gb", "1g.10gb+me", "1g.20gb", "2g.20gb",
                "3g.40gb", "4g.40gb", "7g.80gb");
        assertThat(names(MigCatalog.H100_80GB)).isEqualTo(names(MigCatalog.A100_80GB));
        assertThat(names(MigCatalog.H100_94GB)).containsExactly("1g.12gb", "1g.12gb+me", "1g.24gb", "2g.24gb",
                "3g.47gb", "4g.47gb", "7g.94gb");
        assertThat(names(MigCatalog.H100_96GB)).containsExactly("1g.12gb", "1g.12gb+me", "1g.24gb", "2g.24gb",
                "3g.48gb", "4g.48gb", "7g.96gb");
        assertThat(names(MigCatalog.H200_141GB)).containsExactly("1g.18gb", "1g.18gb+me", "1g.35gb", "2g.35gb",
                "3g.71gb", "4g.71gb", "7g.141gb");
    }

    /// For every profile of every product: as many as allowed fit, at exactly NVIDIA's starts,
    /// with the profile's sizes; one more is rejected.
    @Test
    void everyProfileFillsItsStartsAndNoMore() {
        for (MigGeometry geometry : MigGeometry.known()) {
            for (MigProfileSpec profile : geometry.profiles()) {
                List<MigInstanceRef> full = instances(profile.name(), profile.maxInstances(), 100);
                MigPlacement placement = geometry.place(full);
                assertThat(placement).as("%s × %d on %s", profile.name(), profile.maxInstances(), geometry)
                        .isInstanceOf(MigPlacement.Placed.class);
                List<MigSlot> slots = ((MigPlacement.Placed) placement).slots();
                assertThat(slots).extracting(MigSlot::memoryStart).as(profile.name())
                        .containsExactlyElementsOf(profile.starts().subList(0, profile.maxInstances()));
                assertThat(slots).allSatisfy(slot -> {
                    assertThat(slot.computeSlices()).isEqualTo(profile.computeSlices());
                    assertThat(slot.memorySlices()).isEqualTo(profile.memorySlices());
                    assertThat(slot.computeStart()).isEqualTo(slot.memoryStart());
                    assertThat(slot.inferred()).isTrue();
                });
                assertThat(geometry.place(instances(profile.name(), profile.maxInstances() + 1, 100)))
                        .isInstanceOfSatisfying(MigPlacement.Rejected.class, rejected -> assertThat(rejected.reason())
                                .isIn(MigPlacement.Reason.TOO_MANY, MigPlacement.Reason.DOES_NOT_FIT));
            }
        }
    }

    @Test
    void startsMatchNvidiasPlacementTable() {
        MigGeometry h100 = MigCatalog.H100_80GB;
        assertThat(h100.profile("1g.10gb").orElseThrow().starts()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(h100.profile("1g.10gb+me").orElseThrow().starts()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(h100.profile("1g.20gb").orElseThrow().starts()).containsExactly(0, 2, 4, 6);
        assertThat(h100.profile("2g.20gb").orElseThrow().starts()).containsExactly(0, 2, 4);
        assertThat(h100.profile("3g.40gb").orElseThrow().starts()).containsExactly(0, 4);
        assertThat(h100.profile("4g.40gb").orElseThrow().starts()).containsExactly(0);
        assertThat(h100.profile("7g.80gb").orElseThrow().starts()).containsExactly(0);
    }

    @Test
    void instanceIdsInTheSliceTreePlaceInstancesWhereTheDriverPutThem() {
        MigPlacement placement = MigCatalog.A100_80GB.place(List.of(
                new MigInstanceRef(2, "3g.40gb"), new MigInstanceRef(3, "2g.20gb"),
                new MigInstanceRef(9, "1g.10gb"), new MigInstanceRef(10, "1g.10gb")));
        assertThat(slots(placement)).extracting(MigSlot::memoryStart).containsExactly(4, 0, 2, 3);
    }

    @Test
    void idsThatDisagreeWithTheTreeStillGetAValidLayout() {
        // The simulator's BALANCED layout: 3g first takes id 1 (the first half), so the 3g
        // must move to the second half for the 2g and two 1g to fit.
        MigPlacement placement = MigCatalog.H100_80GB.place(List.of(
                new MigInstanceRef(1, "3g.40gb"), new MigInstanceRef(3, "2g.20gb"),
                new MigInstanceRef(7, "1g.10gb"), new MigInstanceRef(8, "1g.10gb")));
        assertThat(slots(placement)).extracting(MigSlot::memoryStart).containsExactly(4, 0, 2, 3);
        assertValid(MigCatalog.H100_80GB, slots(placement));
    }

    @Test
    void fourAndThreeShareTheCard() {
        List<MigSlot> slots = slots(MigCatalog.H200_141GB.place(List.of(
                new MigInstanceRef(1, "4g.71gb"), new MigInstanceRef(2, "3g.71gb"))));
        assertThat(slots).extracting(MigSlot::computeStart).containsExactly(0, 4);
        assertThat(slots).extracting(MigSlot::computeEnd).containsExactly(4, 7);
        assertThat(slots).extracting(MigSlot::memoryEnd).containsExactly(4, 8);
    }

    @Test
    void rejectsCombinationsThatCannotFit() {
        MigGeometry a100 = MigCatalog.A100_40GB;
        assertRejected(a100.place(List.of(new MigInstanceRef(0, "7g.40gb"), new MigInstanceRef(7, "1g.5gb"))),
                MigPlacement.Reason.DOES_NOT_FIT);
        assertRejected(a100.place(List.of(new MigInstanceRef(1, "4g.20gb"), new MigInstanceRef(3, "2g.10gb"),
                new MigInstanceRef(4, "2g.10gb"))), MigPlacement.Reason.DOES_NOT_FIT);
        assertRejected(a100.place(List.of(new MigInstanceRef(1, "4g.20gb"), new MigInstanceRef(2, "4g.20gb"))),
                MigPlacement.Reason.TOO_MANY);
        assertRejected(a100.place(List.of(new MigInstanceRef(7, "1g.5gb+me"), new MigInstanceRef(8, "1g.5gb+me"))),
                MigPlacement.Reason.TOO_MANY);
        assertRejected(a100.place(List.of(new MigInstanceRef(7, "1g.10gb"), new MigInstanceRef(7, "1g.5gb"))),
                MigPlacement.Reason.DOES_NOT_FIT);
        assertRejected(a100.place(List.of(new MigInstanceRef(1, "3g.40gb"))), MigPlacement.Reason.UNKNOWN_PROFILE);
    }

    @Test
    void unknownProfileMessageNamesTheKnownOnes() {
        MigPlacement placement = MigCatalog.H100_80GB.place(List.of(new MigInstanceRef(1, "5g.50gb")));
        assertThat(((MigPlacement.Rejected) placement).message()).contains("5g.50gb", "1g.10gb", "7g.80gb");
    }

    @Test
    void everyAcceptedRandomSetIsAValidLayout() {
        Random random = new Random(42);
        int accepted = 0;
        for (int round = 0; round < 3000; round++) {
            MigGeometry geometry = MigGeometry.known().get(random.nextInt(MigGeometry.known().size()));
            List<MigInstanceRef> refs = new ArrayList<>();
            int count = 1 + random.nextInt(7);
            for (int i = 0; i < count; i++) {
                MigProfileSpec profile = geometry.profiles().get(random.nextInt(geometry.profiles().size()));
                refs.add(new MigInstanceRef(random.nextInt(15) + 100 * i, profile.name()));
            }
            if (geometry.place(refs) instanceof MigPlacement.Placed placed) {
                accepted++;
                assertValid(geometry, placed.slots());
                assertThat(placed.slots()).extracting(MigSlot::instance).containsExactlyElementsOf(refs);
            }
        }
        assertThat(accepted).isGreaterThan(100);
    }

    @Test
    void sliceTreeStarts() {
        assertThat(MigGeometry.treeStart(0, 8)).isZero();
        assertThat(MigGeometry.treeStart(2, 4)).isEqualTo(4);
        assertThat(MigGeometry.treeStart(5, 2)).isEqualTo(4);
        assertThat(MigGeometry.treeStart(13, 1)).isEqualTo(6);
        assertThat(MigGeometry.treeStart(13, 2)).isEqualTo(-1);
        assertThat(MigGeometry.treeStart(20, 1)).isEqualTo(-1);
    }

    private static void assertValid(MigGeometry geometry, List<MigSlot> slots) {
        int compute = 0;
        int memory = 0;
        for (MigSlot slot : slots) {
            assertThat(slot.profile().mayStartAt(slot.memoryStart())).isTrue();
            assertThat(slot.computeEnd()).isLessThanOrEqualTo(geometry.computeSlices());
            assertThat(slot.memoryEnd()).isLessThanOrEqualTo(geometry.memorySlices());
            int c = ((1 << slot.computeSlices()) - 1) << slot.computeStart();
            int m = ((1 << slot.memorySlices()) - 1) << slot.memoryStart();
            assertThat(c & compute).as("compute overlap").isZero();
            assertThat(m & memory).as("memory overlap").isZero();
            compute |= c;
            memory |= m;
        }
    }

    private static void assertRejected(MigPlacement placement, MigPlacement.Reason reason) {
        assertThat(placement).isInstanceOfSatisfying(MigPlacement.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
    }

    private static List<MigSlot> slots(MigPlacement placement) {
        assertThat(placement).isInstanceOf(MigPlacement.Placed.class);
        return ((MigPlacement.Placed) placement).slots();
    }

    private static List<MigInstanceRef> instances(String profile, int count, int firstId) {
        return IntStream.range(0, count).mapToObj(i -> new MigInstanceRef(firstId + i, profile)).toList();
    }

    private static List<String> names(MigGeometry geometry) {
        return geometry.profiles().stream().map(MigProfileSpec::name).toList();
    }
}
