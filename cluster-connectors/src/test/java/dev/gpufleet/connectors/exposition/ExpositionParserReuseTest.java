package dev.gpufleet.connectors.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.connectors.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/// A parser kept from one scrape to the next remembers series by their bytes; these check
/// that it shares what it should and never answers differently from a fresh parser.
class ExpositionParserReuseTest {

    private static final String LABELS = "{gpu=\"0\",UUID=\"GPU-1\",Hostname=\"n1\"}";

    @Test
    void sharesOneLabelsObjectPerLabelSetAcrossLinesAndScrapes() {
        ExpositionParser parser = new ExpositionParser();
        byte[] scrape = ("a" + LABELS + " 1\nb" + LABELS + " 2\n").getBytes(StandardCharsets.UTF_8);

        Exposition first = parser.parse(scrape);
        Exposition second = parser.parse(scrape);

        Labels labels = first.samples().get(0).labels();
        assertThat(first.samples().get(1).labels()).isSameAs(labels);
        assertThat(second.samples().get(0).labels()).isSameAs(labels);
        assertThat(second.samples().get(1).labels()).isSameAs(labels);
    }

    @Test
    void findsRepeatedSeriesWrittenInAnotherLabelOrderOnALaterScrape() {
        ExpositionParser parser = new ExpositionParser();
        parser.parse("m{a=\"1\",b=\"2\"} 1\n".getBytes(StandardCharsets.UTF_8));

        Exposition result = parser.parse("m{b=\"2\",a=\"1\"} 3\nm{a=\"1\",b=\"2\"} 4\n".getBytes(StandardCharsets.UTF_8));

        assertThat(result.duplicateSeries()).isEqualTo(1);
        assertThat(result.samples()).singleElement().extracting(Sample::value).isEqualTo(4.0);
    }

    @Test
    void forgetsSeriesWhoseLabelsChangedInsteadOfPilingThemUp() {
        ExpositionParser parser = new ExpositionParser();
        int perScrape = 64;
        for (int scrape = 0; scrape < 2_000; scrape++) {
            StringBuilder text = new StringBuilder();
            for (int gpu = 0; gpu < perScrape; gpu++) {
                // The pod on each GPU changes every scrape, as under churn.
                text.append("DCGM_FI_DEV_GPU_UTIL{gpu=\"").append(gpu).append("\",pod=\"job-").append(scrape)
                        .append("\"} 1\n");
            }
            Exposition result = parser.parse(text.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(result.samples()).hasSize(perScrape);
            assertThat(parser.cachedSeries()).isLessThanOrEqualTo(2 * perScrape + SeriesCache.RETAINED_FLOOR + perScrape);
        }
    }

    @Test
    void keepsTheSeriesOfAScrapeThatRepeats() {
        ExpositionParser parser = new ExpositionParser();
        byte[] scrape = ("a" + LABELS + " 1\nb" + LABELS + " 2\n").getBytes(StandardCharsets.UTF_8);
        Exposition first = parser.parse(scrape);
        for (int i = 0; i < 10_000; i++) {
            parser.parse(scrape);
        }
        assertThat(parser.parse(scrape).samples().get(0).labels()).isSameAs(first.samples().get(0).labels());
        assertThat(parser.cachedSeries()).isEqualTo(2);
    }

    @Test
    void readsEveryFixtureTheSameWhenTheParserIsReused() throws IOException {
        ExpositionParser reused = new ExpositionParser();
        for (int round = 0; round < 2; round++) {
            for (Path fixture : Fixtures.allDcgm()) {
                byte[] text = Files.readAllBytes(fixture);
                assertThat(reused.parse(text)).as(fixture.toString()).isEqualTo(ExpositionParser.parseText(text));
            }
        }
    }

    @Property(tries = 300)
    void aReusedParserAnswersAsAFreshOne(@ForAll("scrapes") List<String> texts) {
        ExpositionParser reused = new ExpositionParser();
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThat(reused.parse(bytes)).isEqualTo(ExpositionParser.parseText(bytes));
        }
    }

    /// Lines built from a few series prefixes (some broken) so later texts hit what earlier
    /// ones left in the cache, including label blocks with quotes, escapes and braces.
    @Provide
    Arbitrary<List<String>> scrapes() {
        Arbitrary<String> prefixes = Arbitraries.of(
                "m", "m ", "m{a=\"1\",b=\"2\"}", "m{b=\"2\",a=\"1\"}", "n{a=\"1\",b=\"2\"}", "m{a=\"}\"}",
                "m{a=\"x\\\"}\"}", "m{a=\"\\\\\"}", "m{a=\"1\",}", "m{a=\"1\" , b = \"2\"}", "m{a=\"1\"b=\"2\"}",
                "m{a}", "m{a=\"1\",a=\"2\"}", "m{a=\"1\"", "m{", "m{}", "1m", "m{a=\"\\n\"}");
        Arbitrary<String> values = Arbitraries.of(" 1", " NaN", " -Inf", " x", "", " 1 2", " 1 2 3", " 0.5e3", "\t7");
        Arbitrary<String> lines = net.jqwik.api.Combinators.combine(prefixes, values).as(String::concat);
        return lines.list().ofMaxSize(8).map(list -> String.join("\n", list)).list().ofMinSize(1).ofMaxSize(4);
    }
}
