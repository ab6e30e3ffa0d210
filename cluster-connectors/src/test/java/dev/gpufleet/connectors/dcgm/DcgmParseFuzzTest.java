package dev.gpufleet.connectors.dcgm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gpufleet.connectors.exposition.Exposition;
import dev.gpufleet.connectors.exposition.ExpositionParser;
import dev.gpufleet.connectors.exposition.ParseError;
import java.util.Arrays;

/// Jazzer fuzz target over the exposition parser and the DCGM interpretation.
///
/// In every test run it replays the committed corpus in `DcgmParseFuzzTestInputs/` (slices
/// of the real captures and tricky hand-made texts, plus anything the fuzzer once found).
/// With `JAZZER_FUZZ=1` it fuzzes for up to 20 s (BENCHMARKS.md has the longer command).
/// Properties: nothing throws; error line numbers lie within the text; no more samples than
/// lines; and a parser reused after another text (so its series cache is warm) answers
/// exactly as a fresh one.
class DcgmParseFuzzTest {

    private static final int SMALL_LINE_LIMIT = 512;

    @FuzzTest(maxDuration = "20s")
    void parseAndInterpret(byte[] text) {
        Exposition fresh = ExpositionParser.parseText(text);
        checkInvariants(fresh);

        ExpositionParser reused = new ExpositionParser();
        reused.parse(Arrays.copyOf(text, text.length / 2));
        assertThat(reused.parse(text)).isEqualTo(fresh);

        Exposition capped = new ExpositionParser(SMALL_LINE_LIMIT, 5).parse(text);
        checkInvariants(capped);
        assertThat(capped.errors()).hasSizeLessThanOrEqualTo(5);

        DcgmReading reading = DcgmInterpreter.interpret(fresh);
        assertThat(reading.gpus().size()).isLessThanOrEqualTo(fresh.samples().size());
        reading.toGpuSamples();
        MetricsParseReport report = MetricsParseReport.of(reading);
        assertThat(report.toJson()).startsWith("{");
        assertThat(report.toSummary()).isNotBlank();
    }

    private static void checkInvariants(Exposition exposition) {
        assertThat(exposition.samples().size() + exposition.duplicateSeries()).isLessThanOrEqualTo(exposition.lines());
        assertThat(exposition.errorCount()).isGreaterThanOrEqualTo(exposition.errors().size());
        for (ParseError error : exposition.errors()) {
            assertThat(error.line()).isBetween(1, exposition.lines());
            assertThat(error.message()).isNotBlank();
        }
        exposition.samples().forEach(sample -> assertThat(sample.line()).isBetween(1, exposition.lines()));
    }
}
