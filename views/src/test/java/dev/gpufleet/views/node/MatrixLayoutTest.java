package dev.gpufleet.views.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.topology.KnownBoards;
import dev.gpufleet.core.topology.Link;
import dev.gpufleet.core.topology.LinkKind;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class MatrixLayoutTest {

    @Test
    void fitsEightGpusIntoTheSmallerSideWithinTheCellLimits() {
        MatrixLayout layout = MatrixLayout.fit(8, 600, 400);

        assertThat(layout.cell()).isEqualTo(Math.floor((400 - MatrixLayout.HEADER) / 8));
        assertThat(layout.extent()).isLessThanOrEqualTo(400);
        assertThat(MatrixLayout.fit(8, 4000, 4000).cell()).isEqualTo(MatrixLayout.MAX_CELL);
        assertThat(MatrixLayout.fit(64, 300, 300).cell()).isEqualTo(MatrixLayout.MIN_CELL);
    }

    @Test
    void everyCellCentreMapsBackToItsCell() {
        MatrixLayout layout = MatrixLayout.fit(8, 560, 560);
        for (int row = 0; row < 8; row++) {
            for (int column = 0; column < 8; column++) {
                double x = layout.x(column) + layout.cell() / 2;
                double y = layout.y(row) + layout.cell() / 2;
                assertThat(layout.cellAt(x, y)).isEqualTo(new MatrixLayout.Cell(row, column));
            }
        }
    }

    @Test
    void edgesHeadersAndOutsideAreNoCell() {
        MatrixLayout layout = new MatrixLayout(4, 48, 40);

        assertThat(layout.cellAt(48, 48)).isEqualTo(new MatrixLayout.Cell(0, 0));
        assertThat(layout.cellAt(87.9, 88)).isEqualTo(new MatrixLayout.Cell(1, 0));
        assertThat(layout.cellAt(47.9, 100)).isNull();
        assertThat(layout.cellAt(100, 10)).isNull();
        assertThat(layout.cellAt(48 + 4 * 40, 60)).isNull();
        assertThat(layout.cellAt(60, 48 + 4 * 40 + 1)).isNull();
    }

    @Test
    void coloursTellNvswitchDirectNvlinkAndPcieApart() {
        assertThat(LinkColors.of(Link.nvlink(18, true))).isNotEqualTo(LinkColors.of(Link.nvlink(4, false)));
        assertThat(LinkColors.of(Link.of(LinkKind.NODE))).isNotEqualTo(LinkColors.of(Link.of(LinkKind.SYS)));
        assertThat(LinkColors.legend(KnownBoards.lookup("NVIDIA-L40S", 8).orElseThrow()))
                .extracting(LinkColors.Entry::code).containsExactly("NODE", "SYS");
        assertThat(LinkColors.legend(KnownBoards.lookup("NVIDIA-H200", 8).orElseThrow()))
                .singleElement().satisfies(e -> assertThat(e.meaning()).isEqualTo("18 bonded NVLinks through NVSwitch"));
    }

    @Test
    void heatRunsFromColdToHotAndClamps() {
        assertThat(GpuTable.heat(0, 100)).isEqualTo(GpuTable.heat(-5, 100));
        assertThat(GpuTable.heat(100, 100)).isEqualTo(GpuTable.heat(500, 100)).isEqualTo(Color.web("#f78166"));
        assertThat(GpuTable.heat(50, 100).getRed()).isBetween(GpuTable.heat(0, 100).getRed(), GpuTable.heat(100, 100).getRed());
    }
}
