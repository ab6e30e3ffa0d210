package dev.gpufleet.connectors.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ExpositionPropertiesTest {

    @Property(tries = 500)
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 2000) byte[] text) {
        Exposition result = new ExpositionParser(256, 20).parse(text);

        assertThat(result.errors().size()).isLessThanOrEqualTo(20);
        assertThat(result.errorCount()).isGreaterThanOrEqualTo(result.errors().size());
    }

    /// Random bytes rarely get past the metric name; text built from the format's own
    /// characters reaches the label, value and comment paths.
    @Property(tries = 1000)
    void neverThrowsOnExpositionLikeGarbage(@ForAll("expositionLike") String text) {
        Exposition result = ExpositionParser.parseText(text.getBytes(StandardCharsets.UTF_8));

        assertThat(result.lines()).isGreaterThanOrEqualTo(0);
        for (ParseError error : result.errors()) {
            assertThat(error.line()).isBetween(1, result.lines());
            assertThat(error.message()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void renderedSamplesReadBackTheSame(@ForAll("sampleLists") List<Sample> samples) {
        String text = ExpositionWriter.render(samples);

        Exposition result = ExpositionParser.parseText(text.getBytes(StandardCharsets.UTF_8));

        assertThat(result.errors()).isEmpty();
        assertThat(result.duplicateSeries()).isZero();
        assertThat(result.samples()).hasSameSizeAs(samples);
        for (int i = 0; i < samples.size(); i++) {
            Sample expected = samples.get(i);
            Sample actual = result.samples().get(i);
            assertThat(actual.name()).isEqualTo(expected.name());
            assertThat(actual.labels()).isEqualTo(expected.labels());
            assertThat(Double.valueOf(actual.value())).isEqualTo(Double.valueOf(expected.value()));
            assertThat(actual.timestampMillis()).isEqualTo(expected.timestampMillis());
            assertThat(actual.line()).isEqualTo(i + 1);
        }
    }

    @Provide
    Arbitrary<String> expositionLike() {
        return Arbitraries.strings()
                .withChars("#{}=\",\\ \t\r\nabcHELPTYPE_:019.+-eEInfNa\u00e9")
                .ofMaxLength(400);
    }

    @Provide
    Arbitrary<List<Sample>> sampleLists() {
        return samples().list().ofMaxSize(30).map(ExpositionPropertiesTest::uniqueSeries);
    }

    private static List<Sample> uniqueSeries(List<Sample> samples) {
        Set<String> seen = new LinkedHashSet<>();
        List<Sample> unique = new ArrayList<>();
        for (Sample sample : samples) {
            if (seen.add(sample.name() + sample.labels().sortedByName())) {
                unique.add(sample);
            }
        }
        return unique;
    }

    private static Arbitrary<Sample> samples() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcDCGM_FI:").ofMinLength(1).ofMaxLength(12);
        Arbitrary<Labels> labels = labelSets();
        Arbitrary<Double> values = Arbitraries.oneOf(
                Arbitraries.doubles(),
                Arbitraries.integers().map(Integer::doubleValue),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE, 1e-300, 23.528));
        Arbitrary<Long> stamps = Arbitraries.oneOf(
                Arbitraries.just(Sample.NO_TIMESTAMP),
                Arbitraries.longs().between(-1_000_000_000_000L, 9_999_999_999_999L));
        return Combinators.combine(names, labels, values, stamps)
                .as((name, set, value, stamp) -> new Sample(name, set, value, stamp, 0));
    }

    private static Arbitrary<Labels> labelSets() {
        Arbitrary<String> labelNames = Arbitraries.strings().withChars("abcUID_gpu").ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> labelValues = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\uD7FF').ofMaxLength(12),
                Arbitraries.strings().withChars("\\\"\n{},= #").ofMaxLength(6));
        return Combinators.combine(labelNames, labelValues).as(List::of).list().ofMaxSize(5).map(pairs -> {
            List<String> flat = new ArrayList<>();
            Set<String> names = new LinkedHashSet<>();
            for (List<String> pair : pairs) {
                if (names.add(pair.get(0))) {
                    flat.add(pair.get(0));
                    flat.add(pair.get(1));
                }
            }
            return Labels.of(flat.toArray(String[]::new));
        });
    }
}
