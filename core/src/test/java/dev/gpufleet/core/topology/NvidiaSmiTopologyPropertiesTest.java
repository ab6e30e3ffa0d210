package dev.gpufleet.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/// Any matrix written the ways `nvidia-smi` writes it reads back as written; anything else is
/// a [TopologyFormatException] with a line inside the text, never another exception.
class NvidiaSmiTopologyPropertiesTest {

    private static final String[] PCIE = {"PIX", "PXB", "PHB", "NODE", "SYS", "SOC"};

    /// A matrix: `cells[a][b]` codes, `numa[a]` per GPU, and whether to write it with tabs.
    record Matrix(String[][] cells, int[] numa, boolean tabs, boolean ansi) {

        String text() {
            int n = cells.length;
            String sep = tabs ? "\t" : "    ";
            StringBuilder header = new StringBuilder();
            for (int g = 0; g < n; g++) {
                header.append("GPU").append(g).append(sep);
            }
            header.append("CPU Affinity").append(sep).append("NUMA Affinity").append(sep).append("GPU NUMA ID");
            StringBuilder out = new StringBuilder(sep);
            out.append(ansi ? "\u001B[4m" + header + "\u001B[0m" : header).append('\n');
            for (int a = 0; a < n; a++) {
                out.append("GPU").append(a);
                for (int b = 0; b < n; b++) {
                    out.append(sep).append(a == b ? " X " : cells[a][b]);
                }
                out.append(sep).append(numa[a] * 16).append('-').append(numa[a] * 16 + 15).append(sep).append(numa[a])
                        .append(sep).append(sep).append("N/A\n");
            }
            return out.append("\nLegend:\n\n  X    = Self\n").toString();
        }
    }

    @Provide
    Arbitrary<Matrix> matrices() {
        Arbitrary<String> code = Arbitraries.oneOf(Arbitraries.of(PCIE),
                Arbitraries.integers().between(1, 18).map(k -> "NV" + k));
        return Arbitraries.integers().between(1, 16).flatMap(n -> Combinators.combine(
                code.array(String[].class).ofSize(n).array(String[][].class).ofSize(n),
                Arbitraries.integers().between(0, 7).array(int[].class).ofSize(n),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Matrix::new));
    }

    @Property(tries = 300)
    void readsBackWhatWasWritten(@ForAll("matrices") Matrix matrix) {
        GpuTopology topology = NvidiaSmiTopology.parse(matrix.text());

        int n = matrix.cells().length;
        assertThat(topology.gpuCount()).isEqualTo(n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertThat(topology.link(a, b).code()).isEqualTo(a == b ? "X" : matrix.cells()[a][b]);
            }
            assertThat(topology.affinity(a).numaNodes()).isEqualTo(Integer.toString(matrix.numa()[a]));
            assertThat(topology.affinity(a).cpuCount()).isEqualTo(16);
        }
    }

    @Provide
    Arbitrary<String> topologyLike() {
        List<String> words = new ArrayList<>(List.of("GPU0", "GPU1", "GPU2", "NIC0", "X", " X ", "NV12", "NV0", "NV",
                "SYS", "NODE", "CPU Affinity", "NUMA Affinity", "GPU NUMA ID", "N/A", "0-15", "0", "1-", ",", "\t",
                "  ", "\n", "Legend:", "NIC Legend:", "NIC0: mlx5_0", "\u001B[4m", "\u001B[0m", "99999999999"));
        return Arbitraries.of(words).list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void garbageGivesAFormatErrorOnALineOfTheText(@ForAll("topologyLike") String text) {
        int lines = text.split("\n", -1).length;
        assertThatCode(() -> {
            try {
                GpuTopology topology = NvidiaSmiTopology.parse(text);
                for (int g = 0; g < topology.gpuCount(); g++) {
                    assertThat(topology.affinity(g).cpuCount()).isNotNegative();
                    assertThat(topology.affinity(g).firstNumaNode()).isGreaterThanOrEqualTo(-1);
                    assertThat(topology.closestNics(g).size()).isLessThanOrEqualTo(topology.nics().size());
                }
            } catch (TopologyFormatException e) {
                assertThat(e.line()).isBetween(1, lines);
                assertThat(e.getMessage()).isNotBlank();
            }
        }).doesNotThrowAnyException();
    }
}
