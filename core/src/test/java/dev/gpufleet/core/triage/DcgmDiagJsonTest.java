package dev.gpufleet.core.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DcgmDiagJsonTest {

    @Test
    void readsDcgm3ReportsWithWarningsPerGpu() {
        DiagnosticReport report = DcgmDiagJson.parse("n1", 2, """
                {"DCGM GPU Diagnostic": {"test_categories": [
                  {"category": "Metadata", "tests": [{"name": "DCGM Version", "results": [{"status": "3.3.5"}]}]},
                  {"category": "Deployment", "tests": [{"name": "Page Retirement/Row Remap", "results": [
                    {"gpu_id": "0", "status": "Pass"},
                    {"gpu_id": "1", "status": "Fail", "warnings": [{"warning": "Row remap failed", "error_id": 83}]}]}]},
                  {"category": "Hardware", "tests": [{"name": "GPU Memory", "results": [{"gpu_id": "0", "status": "Skip"}]}]}
                ]}}""");

        assertThat(report.dcgmVersion()).isEqualTo("3.3.5");
        assertThat(report.tests()).hasSize(2);
        assertThat(report.overall()).isEqualTo(DiagnosticReport.Status.FAIL);
        assertThat(report.failingGpus()).containsExactly(1);
        assertThat(report.tests().getFirst().results().get(1).message()).isEqualTo("Row remap failed");
    }

    @Test
    void readsDcgm4ReportsByTheirSummary() {
        DiagnosticReport report = DcgmDiagJson.parse("n1", 1, """
                {"DCGM Diagnostic": {"version": "4.2.3", "test_categories": [
                  {"category": "Deployment", "tests": [{"name": "software", "test_summary": {"status": "Pass"}}]}]}}""");

        assertThat(report.dcgmVersion()).isEqualTo("4.2.3");
        assertThat(report.overall()).isEqualTo(DiagnosticReport.Status.PASS);
    }

    @Test
    void somethingElseIsRefusedWithWhatItSaid() {
        assertThatThrownBy(() -> DcgmDiagJson.parse("n1", 1, "Error: unable to connect to host engine at localhost.\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unable to connect to host engine");
    }
}
