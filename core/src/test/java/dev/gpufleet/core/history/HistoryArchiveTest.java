package dev.gpufleet.core.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.core.metrics.Metric;
import dev.gpufleet.core.metrics.MetricValues;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryArchiveTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final String CLUSTER = "Prod/eu:1";
    static final HistoryConfig CONFIG = HistoryConfig.defaults();
    private static final int TICKS_PER_HOUR = 360;

    @TempDir
    Path root;
    private HistoryArchive archive;

    @AfterEach
    void closeArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    static GpuKey gpu(int i) {
        return new GpuKey(CLUSTER, "node-" + i / 8, "GPU-" + i);
    }

    /// Deterministic values, with gaps: temperature is not reported every fifth tick.
    static MetricValues values(int gpu, long tick) {
        double[] row = MetricValues.blankArray();
        row[Metric.GPU_UTIL.ordinal()] = (tick * 7 + gpu) % 101;
        row[Metric.MEM_COPY_UTIL.ordinal()] = (tick + gpu) % 50 + 0.3;
        row[Metric.FB_USED.ordinal()] = 1000 + tick * 3;
        row[Metric.POWER_USAGE.ordinal()] = 100.04 + gpu;
        row[Metric.GPU_TEMP.ordinal()] = tick % 5 == 0 ? Double.NaN : 40 + gpu;
        row[Metric.SM_ACTIVE.ordinal()] = (tick % 250) / 250.0;
        row[Metric.PIPE_TENSOR_ACTIVE.ordinal()] = 0.5;
        row[Metric.DRAM_ACTIVE.ordinal()] = 0.25;
        return MetricValues.wrap(row);
    }

    static FleetHistory recorded(HistoryConfig config, int gpus, long fromTick, long toTick) {
        FleetHistory history = new FleetHistory(config);
        record(history, gpus, fromTick, toTick);
        return history;
    }

    static void record(FleetHistory history, int gpus, long fromTick, long toTick) {
        for (long tick = fromTick; tick <= toTick; tick++) {
            for (int gpu = 0; gpu < gpus; gpu++) {
                history.record(gpu(gpu), T0.plusSeconds(10 * tick), values(gpu, tick));
            }
        }
    }

    static void assertSameHistory(FleetHistory expected, FleetHistory actual, int gpus, long from, long to) {
        long t0 = expected.tickOf(T0);
        for (int gpu = 0; gpu < gpus; gpu++) {
            int want = expected.slotOf(gpu(gpu));
            int got = actual.slotOf(gpu(gpu));
            assertThat(got).as("slot of %s", gpu(gpu)).isGreaterThanOrEqualTo(0);
            for (Metric metric : CONFIG.metrics()) {
                for (long tick = t0 + from; tick <= t0 + to; tick++) {
                    assertThat(Double.valueOf(actual.valueAt(got, metric, tick)))
                            .as("%s %s at %d", gpu(gpu), metric, tick)
                            .isEqualTo(Double.valueOf(expected.valueAt(want, metric, tick)));
                }
                assertThat(actual.lastReportedTick(got, metric)).isEqualTo(expected.lastReportedTick(want, metric));
            }
        }
    }

    private Instant timeOfTick(long tick) {
        return T0.plusSeconds(10 * tick);
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(HistoryArchive.directoryName(CLUSTER)))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".gfh")).sorted().toList();
        }
    }

    @Test
    void roundTripKeepsValuesGapsAndAges() {
        FleetHistory before = recorded(CONFIG, 20, 0, 2 * TICKS_PER_HOUR - 1);
        archive = new HistoryArchive(root);
        archive.flush(CLUSTER, before).join();

        FleetHistory after = new FleetHistory(CONFIG);
        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, after, timeOfTick(2 * TICKS_PER_HOUR - 1));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.segments()).isEqualTo(2);
        assertThat(loaded.gpus()).isEqualTo(20);
        assertThat(after.newestTick()).isEqualTo(before.newestTick());
        assertSameHistory(before, after, 20, -3, 2 * TICKS_PER_HOUR + 2);
        int slot = after.slotOf(gpu(3));
        long t0 = after.tickOf(T0);
        assertThat(after.valueAt(slot, Metric.GPU_TEMP, t0 + 5)).isNaN();
        assertThat(after.valueAt(slot, Metric.POWER_USAGE, t0 + 5)).isCloseTo(103.0, org.assertj.core.data.Offset.offset(0.05));
        Instant now = timeOfTick(2 * TICKS_PER_HOUR + 30);
        assertThat(after.age(slot, Metric.GPU_TEMP, now)).isEqualTo(before.age(before.slotOf(gpu(3)), Metric.GPU_TEMP, now));
    }

    @Test
    void roundTripAcrossTheRingsWrapAround() {
        HistoryConfig odd = new HistoryConfig(Duration.ofSeconds(10), Duration.ofSeconds(3500), CONFIG.metrics());
        FleetHistory before = recorded(odd, 3, 0, 2 * TICKS_PER_HOUR - 1);
        archive = new HistoryArchive(root);
        archive.flush(CLUSTER, before).join();

        FleetHistory after = new FleetHistory(odd);
        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, after, timeOfTick(2 * TICKS_PER_HOUR - 1));

        assertThat(loaded.problems()).isEmpty();
        assertThat(after.valueAt(after.slotOf(gpu(1)), Metric.FB_USED, after.newestTick())).isNotNaN();
        assertSameHistory(before, after, 3, 0, 2 * TICKS_PER_HOUR + 2);
    }

    @Test
    void aSecondFlushRewritesOnlyTheHourInProgress() throws IOException {
        FleetHistory history = recorded(CONFIG, 4, 0, TICKS_PER_HOUR + 9);
        archive = new HistoryArchive(root);
        archive.flush(CLUSTER, history).join();
        Path firstHour = segments().getFirst();
        java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(firstHour);
        Files.setLastModifiedTime(firstHour, java.nio.file.attribute.FileTime.fromMillis(0));

        record(history, 4, TICKS_PER_HOUR + 10, TICKS_PER_HOUR + 100);
        archive.flush(CLUSTER, history).join();

        assertThat(Files.getLastModifiedTime(firstHour).toMillis()).as("untouched, was %s", written).isZero();
        FleetHistory after = new FleetHistory(CONFIG);
        new HistoryArchive(root).load(CLUSTER, after, timeOfTick(TICKS_PER_HOUR + 100));
        assertSameHistory(history, after, 4, 0, TICKS_PER_HOUR + 100);
    }

    @Test
    void valuesOlderThanTheRetentionAreNeitherKeptNorLoaded() throws IOException {
        HistoryConfig twoHours = new HistoryConfig(Duration.ofSeconds(10), Duration.ofHours(2), CONFIG.metrics());
        FleetHistory history = new FleetHistory(twoHours);
        archive = new HistoryArchive(root);
        for (int hour = 0; hour < 5; hour++) {
            record(history, 2, (long) hour * TICKS_PER_HOUR, (hour + 1L) * TICKS_PER_HOUR - 1);
            archive.flush(CLUSTER, history).join();
        }
        assertThat(segments()).extracting(p -> p.getFileName().toString()).containsExactly(
                "seg-" + T0.plusSeconds(3 * 3600).getEpochSecond() + ".gfh",
                "seg-" + T0.plusSeconds(4 * 3600).getEpochSecond() + ".gfh");

        FleetHistory late = new FleetHistory(twoHours);
        Instant muchLater = timeOfTick(5L * TICKS_PER_HOUR).plus(Duration.ofHours(1).plusMinutes(30));
        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, late, muchLater);
        assertThat(loaded.problems()).isEmpty();
        int slot = late.slotOf(gpu(0));
        long firstKept = late.tickOf(muchLater) - twoHours.capacity() + 1;
        assertThat(late.valueAt(slot, Metric.GPU_UTIL, firstKept)).isEqualTo(history.valueAt(history.slotOf(gpu(0)), Metric.GPU_UTIL, firstKept));
        assertThat(late.valueAt(slot, Metric.GPU_UTIL, firstKept - 1)).isNaN();

        FleetHistory tooLate = new FleetHistory(twoHours);
        ArchiveLoad none = new HistoryArchive(root).load(CLUSTER, tooLate, muchLater.plus(Duration.ofHours(3)));
        assertThat(none.segments()).isZero();
        assertThat(tooLate.gpuCount()).isZero();
    }

    @Test
    void theByteBudgetDropsTheOldestSegments() throws IOException {
        archive = new HistoryArchive(root);
        FleetHistory history = recorded(CONFIG, 10, 0, TICKS_PER_HOUR - 1);
        archive.flush(CLUSTER, history).join();
        long oneHour = Files.size(segments().getFirst());
        archive.close();

        archive = new HistoryArchive(root, oneHour * 2 + oneHour / 2, cluster -> true);
        FleetHistory again = recorded(CONFIG, 10, 0, 4L * TICKS_PER_HOUR - 1);
        archive.flush(CLUSTER, again).join();

        List<Path> kept = segments();
        assertThat(kept).hasSize(2);
        assertThat(kept.stream().mapToLong(p -> p.toFile().length()).sum()).isLessThanOrEqualTo(oneHour * 2 + oneHour / 2);
        assertThat(kept.getLast().getFileName().toString()).isEqualTo("seg-" + T0.plusSeconds(3 * 3600).getEpochSecond() + ".gfh");
    }

    @Test
    void aCorruptByteSkipsThatSegmentAndNamesIt() throws IOException {
        writeTwoHours();
        Path first = segments().getFirst();
        byte[] bytes = Files.readAllBytes(first);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(first, bytes);

        FleetHistory after = new FleetHistory(CONFIG);
        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, after, timeOfTick(2 * TICKS_PER_HOUR - 1));

        assertThat(loaded.segments()).isEqualTo(1);
        assertThat(loaded.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(first);
            assertThat(problem.toString()).contains(first.getFileName().toString()).contains("checksum");
        });
        long t0 = after.tickOf(T0);
        assertThat(after.valueAt(after.slotOf(gpu(1)), Metric.GPU_UTIL, t0 + 10)).isNaN();
        assertThat(after.valueAt(after.slotOf(gpu(1)), Metric.GPU_UTIL, t0 + TICKS_PER_HOUR + 10)).isNotNaN();
        assertThat(first).exists();
    }

    @Test
    void truncatedFilesAreSkipped() throws IOException {
        writeTwoHours();
        List<Path> files = segments();
        byte[] bytes = Files.readAllBytes(files.get(0));
        Files.write(files.get(0), java.util.Arrays.copyOf(bytes, bytes.length / 3));
        Files.write(files.get(1), new byte[] {0x47, 0x46});

        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, new FleetHistory(CONFIG), timeOfTick(2 * TICKS_PER_HOUR - 1));

        assertThat(loaded.segments()).isZero();
        assertThat(loaded.problems()).extracting(ArchiveProblem::message)
                .anySatisfy(message -> assertThat(message).contains("truncated"))
                .anySatisfy(message -> assertThat(message).contains("checksum"));
    }

    @Test
    void aSegmentFromANewerVersionIsSkippedWithAHint() throws IOException {
        writeTwoHours();
        Path first = segments().getFirst();
        byte[] bytes = Files.readAllBytes(first);
        ByteBuffer.wrap(bytes).putShort(4, (short) (Segment.VERSION + 1));
        Files.write(first, bytes);

        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, new FleetHistory(CONFIG), timeOfTick(2 * TICKS_PER_HOUR - 1));

        assertThat(loaded.segments()).isEqualTo(1);
        assertThat(loaded.problems()).singleElement().extracting(ArchiveProblem::message).asString()
                .contains("newer gpufleet").contains("update");
    }

    @Test
    void aDifferentResolutionOrMetricListIsSkipped() {
        writeTwoHours();
        HistoryConfig coarser = new HistoryConfig(Duration.ofSeconds(30), Duration.ofHours(6), CONFIG.metrics());
        HistoryConfig fewer = new HistoryConfig(Duration.ofSeconds(10), Duration.ofHours(6), List.of(Metric.GPU_UTIL));

        ArchiveLoad coarse = new HistoryArchive(root).load(CLUSTER, new FleetHistory(coarser), timeOfTick(700));
        ArchiveLoad narrow = new HistoryArchive(root).load(CLUSTER, new FleetHistory(fewer), timeOfTick(700));

        assertThat(coarse.problems()).hasSize(2).allSatisfy(p -> assertThat(p.message()).contains("resolution"));
        assertThat(narrow.problems()).hasSize(2).allSatisfy(p -> assertThat(p.message()).contains("metrics"));
    }

    @Test
    void unrelatedFilesAreLeftAlone() throws IOException {
        Path directory = new HistoryArchive(root).directoryOf(CLUSTER);
        Files.createDirectories(directory.resolve("notes"));
        Path notes = Files.writeString(directory.resolve("notes.txt"), "mine");
        Path lookalike = Files.writeString(directory.resolve("seg-1.gfh.bak"), "mine too");
        archive = new HistoryArchive(root, 1, cluster -> true);
        archive.flush(CLUSTER, recorded(CONFIG, 3, 0, 2L * TICKS_PER_HOUR)).join();

        ArchiveLoad loaded = new HistoryArchive(root).load(CLUSTER, new FleetHistory(CONFIG), timeOfTick(700));

        assertThat(loaded.problems()).isEmpty();
        assertThat(notes).hasContent("mine");
        assertThat(lookalike).hasContent("mine too");
        assertThat(directory.resolve("notes")).isDirectory();
    }

    @Test
    void clustersThatDoNotPersistAreNeitherWrittenNorRead() {
        archive = new HistoryArchive(root, HistoryArchive.DEFAULT_BYTE_BUDGET, cluster -> !cluster.equals(CLUSTER));
        archive.flush(CLUSTER, recorded(CONFIG, 3, 0, 20)).join();
        assertThat(archive.directoryOf(CLUSTER)).doesNotExist();
    }

    @Test
    void directoryNamesAreSafeAndDistinct() {
        List<String> names = Stream.of("Prod", "prod", "../etc", ".", "..", "a/b", "a\\b", "arn:aws:eks:us-1:1:cluster/x",
                "c*", "~x", "X", "%41", "", "日本", "x".repeat(300), "x".repeat(299) + "y").map(HistoryArchive::directoryName).toList();
        assertThat(names).doesNotHaveDuplicates();
        assertThat(names.stream().map(String::toLowerCase).distinct()).hasSameSizeAs(names);
        assertThat(names).allSatisfy(name -> assertThat(name).doesNotContain("/", "\\", ":", "*", "..")
                .isNotEqualTo(".").isNotEmpty().hasSizeLessThanOrEqualTo(120));
    }

    private void writeTwoHours() {
        try (HistoryArchive writer = new HistoryArchive(root)) {
            writer.flush(CLUSTER, recorded(CONFIG, 5, 0, 2 * TICKS_PER_HOUR - 1)).join();
        }
    }
}
