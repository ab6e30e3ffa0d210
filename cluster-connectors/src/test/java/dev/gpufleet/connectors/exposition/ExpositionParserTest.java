package dev.gpufleet.connectors.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExpositionParserTest {

    private static Exposition parse(String text) {
        return ExpositionParser.parseText(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsNameLabelsValueAndTimestamp() {
        Exposition result = parse("up{job=\"a\",instance=\"b:1\"} 1 1700000000000\nother 2.5\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.samples()).hasSize(2);
        Sample first = result.samples().getFirst();
        assertThat(first.name()).isEqualTo("up");
        assertThat(first.labels().asMap()).containsExactly(
                java.util.Map.entry("job", "a"), java.util.Map.entry("instance", "b:1"));
        assertThat(first.value()).isEqualTo(1.0);
        assertThat(first.timestampMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(first.line()).isEqualTo(1);
        Sample second = result.samples().get(1);
        assertThat(second.labels().isEmpty()).isTrue();
        assertThat(second.hasTimestamp()).isFalse();
        assertThat(second.line()).isEqualTo(2);
    }

    @Test
    void undoesLabelValueEscapes() {
        Exposition result = parse("m{a=\"back\\\\slash\",b=\"say \\\"hi\\\"\",c=\"two\\nlines\",d=\"odd\\q\"} 1");

        assertThat(result.errors()).isEmpty();
        Labels labels = result.samples().getFirst().labels();
        assertThat(labels.get("a")).isEqualTo("back\\slash");
        assertThat(labels.get("b")).isEqualTo("say \"hi\"");
        assertThat(labels.get("c")).isEqualTo("two\nlines");
        assertThat(labels.get("d")).isEqualTo("odd\\q");
    }

    @Test
    void readsSpecialValuesAndNumberForms() {
        Exposition result = parse("""
                a NaN
                b +Inf
                c -Inf
                d inf
                e 1.5e3
                f -0.25
                g 23.528000
                h .5
                i 1E-3
                j 123456789012345678901234567890
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.samples()).extracting(Sample::value).containsExactly(
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                1500.0, -0.25, 23.528, 0.5, 0.001, 1.2345678901234568E29);
    }

    @Test
    void toleratesCrlfBlanksTrailingCommaAndNoFinalNewline() {
        Exposition result = parse("\uFEFF\r\n  m{gpu=\"0\", UUID = \"x\" ,} \t 7 \r\n\r\n\tn 8");

        assertThat(result.errors()).isEmpty();
        assertThat(result.samples()).extracting(Sample::name).containsExactly("m", "n");
        assertThat(result.samples().getFirst().labels().asMap()).containsOnlyKeys("gpu", "UUID");
        assertThat(result.samples().get(1).line()).isEqualTo(4);
        assertThat(result.lines()).isEqualTo(4);
    }

    @Test
    void keepsHelpAndTypeEvenWithoutSamplesOrForAnotherName() {
        Exposition result = parse("""
                # HELP lonely A family with no samples.
                # TYPE lonely counter
                # HELP described Text with a \\\\ backslash and a \\n newline.
                # TYPE described gauge
                other_name 1
                # NOTE free-form comments are ignored
                #HELP not_a_help_line because there is no blank after the hash
                # HELP bare
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.families()).containsOnlyKeys("lonely", "described", "bare");
        assertThat(result.families().get("lonely").type()).isEqualTo(MetricType.COUNTER);
        assertThat(result.families().get("described").help()).isEqualTo("Text with a \\ backslash and a \n newline.");
        assertThat(result.families().get("bare").help()).isEmpty();
        assertThat(result.samples()).extracting(Sample::name).containsExactly("other_name");
    }

    @Test
    void reportsEachBadLineWithItsNumberAndCarriesOn() {
        Exposition result = parse("""
                good 1
                DCGM_FI_DEV_SERIAL{gpu="0"} ERROR - FAILED TO CONVERT TO STRING
                curl: (52) Empty reply from server
                labelled{gpu="0",pod} 1
                open{gpu="0} 1
                unclosed{gpu="0" 1
                novalue{gpu="0"}
                stamp 1 yesterday
                extra 1 2 3
                # TYPE weird sometype
                also_good 2
                """);

        assertThat(result.samples()).extracting(Sample::name).containsExactly("good", "also_good");
        assertThat(result.errors()).extracting(ParseError::line).containsExactly(2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(result.errorCount()).isEqualTo(9);
        assertThat(result.errors().get(0).message())
                .contains("DCGM_FI_DEV_SERIAL", "ERROR - FAILED TO CONVERT TO STRING", "not a number");
        assertThat(result.errors().get(1).message()).contains("curl: (52)", "not a metric line");
        assertThat(result.errors().get(2).message()).contains("label pod", "has no value");
        assertThat(result.errors().get(3).message()).contains("not closed");
        assertThat(result.errors().get(5).message()).contains("novalue has no value");
        assertThat(result.errors().get(6).message()).contains("timestamp", "yesterday");
        assertThat(result.errors().get(7).message()).contains("more than a value and a timestamp", "1 2 3");
        assertThat(result.errors().get(8).message()).contains("sometype", "counter, gauge");
    }

    @Test
    void keepsTheLastValueOfARepeatedSeriesAndCountsIt() {
        Exposition result = parse("""
                m{a="1",b="2"} 1
                n 5
                m{b="2",a="1"} 3
                m{a="1",b="3"} 4
                """);

        assertThat(result.duplicateSeries()).isEqualTo(1);
        assertThat(result.samples()).extracting(Sample::value).containsExactly(3.0, 5.0, 4.0);
    }

    @Test
    void skipsLinesOverTheLengthLimit() {
        String longLine = "m{a=\"" + "x".repeat(500) + "\"} 1";
        Exposition result = new ExpositionParser(100, 10)
                .parse(("short 1\n" + longLine + "\nafter 2\n").getBytes(StandardCharsets.UTF_8));

        assertThat(result.samples()).extracting(Sample::name).containsExactly("short", "after");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.message()).contains("over the limit of 100 bytes");
        });
    }

    @Test
    void keepsTheFirstErrorsAndCountsTheRest() {
        Exposition result = new ExpositionParser(1024, 3)
                .parse("x\ny\nz\nw\nv\n".getBytes(StandardCharsets.UTF_8));

        assertThat(result.errors()).hasSize(3);
        assertThat(result.errorCount()).isEqualTo(5);
    }

    @Test
    void readsEmptyAndCommentOnlyTexts() {
        assertThat(parse("").samples()).isEmpty();
        assertThat(parse("\n\n# just a comment").errors()).isEmpty();
        assertThat(parse("#").errors()).isEmpty();
    }

    @Test
    void sharesLabelStringsAcrossSamples() {
        Exposition result = parse("a{UUID=\"GPU-1\"} 1\nb{UUID=\"GPU-1\"} 2\n");

        assertThat(result.samples().get(0).labels().get("UUID"))
                .isSameAs(result.samples().get(1).labels().get("UUID"));
    }

    @Test
    void parsesAByteBufferRangeWithoutMovingIt() {
        ByteBuffer buffer = ByteBuffer.wrap("xxxxm 1\n".getBytes(StandardCharsets.UTF_8));
        buffer.position(4);

        Exposition result = new ExpositionParser().parse(buffer);

        assertThat(result.samples()).extracting(Sample::name).containsExactly("m");
        assertThat(buffer.position()).isEqualTo(4);
    }

    @Test
    void writerOutputReadsBack() {
        Exposition result = parse("m{a=\"q\\\"uote\",b=\"nl\\n\"} -0.5 12\nn NaN\n");
        String text = ExpositionWriter.render(result.samples());

        assertThat(text).isEqualTo("m{a=\"q\\\"uote\",b=\"nl\\n\"} -0.5 12\nn NaN\n");
    }
}
