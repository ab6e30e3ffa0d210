package dev.gpufleet.connectors.exposition;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/// Parses one text over and over on the calling thread and measures throughput and
/// allocation: the engine of `gpufleet metrics parse --bench`.
///
/// One parser is reused for every pass, as a scraping thread reuses its parser from one
/// scrape to the next, so the figures are the steady state (label sets and strings already
/// interned). Allocation is read from the JVM's per-thread counter
/// (`com.sun.management.ThreadMXBean`); where the JVM lacks it, it is reported as `-1`.
/// This is a quick reading on a real file; the JMH benchmarks (profile `bench`) are the
/// careful one.
public final class ParseBenchmark {

    private ParseBenchmark() {
    }

    /// What a measurement found: `passes` parses of a `bytes`-long text took `nanos`.
    public record Result(long bytes, long passes, long samplesPerPass, long nanos, long allocatedBytes) {

        public double mebibytesPerSecond() {
            return bytes * (double) passes / (1024.0 * 1024.0) / seconds();
        }

        public double samplesPerSecond() {
            return samplesPerPass * (double) passes / seconds();
        }

        /// Bytes allocated per sample read, or `-1` when the JVM does not count allocation.
        public double allocatedBytesPerSample() {
            long samples = samplesPerPass * passes;
            return allocatedBytes < 0 || samples == 0 ? -1 : allocatedBytes / (double) samples;
        }

        public double seconds() {
            return Math.max(nanos, 1) / 1e9;
        }
    }

    /// Parses `text` for `warmup` (not measured, so the JIT compiles the parser), then for at
    /// least `measure`, and reports the measured part.
    public static Result run(byte[] text, Duration warmup, Duration measure) {
        ExpositionParser parser = new ExpositionParser();
        long samples = repeat(parser, text, warmup.toNanos()).samplesPerPass;
        AllocationCounter counter = AllocationCounter.forCurrentThread();
        long allocatedBefore = counter.allocatedBytes();
        Pass measured = repeat(parser, text, measure.toNanos());
        long allocatedAfter = counter.allocatedBytes();
        long allocated = allocatedBefore < 0 || allocatedAfter < 0 ? -1 : allocatedAfter - allocatedBefore;
        return new Result(text.length, measured.passes, samples, measured.nanos, allocated);
    }

    private record Pass(long passes, long samplesPerPass, long nanos) {
    }

    private static Pass repeat(ExpositionParser parser, byte[] text, long budgetNanos) {
        long start = System.nanoTime();
        long passes = 0;
        long samples = 0;
        long elapsed;
        do {
            Exposition result = parser.parse(text);
            // Every sample line read counts, also those a later line of the same series replaced.
            samples = result.samples().size() + (long) result.duplicateSeries();
            passes++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budgetNanos);
        return new Pass(passes, samples, elapsed);
    }

    /// Reads the allocation counter of one thread, if the JVM offers it.
    private record AllocationCounter(@Nullable ThreadMXBean bean, long threadId) {

        static AllocationCounter forCurrentThread() {
            long id = Thread.currentThread().threadId();
            if (ManagementFactory.getThreadMXBean() instanceof ThreadMXBean bean
                    && bean.isThreadAllocatedMemorySupported()) {
                if (!bean.isThreadAllocatedMemoryEnabled()) {
                    bean.setThreadAllocatedMemoryEnabled(true);
                }
                return new AllocationCounter(bean, id);
            }
            return new AllocationCounter(null, id);
        }

        long allocatedBytes() {
            return bean == null ? -1 : bean.getThreadAllocatedBytes(threadId);
        }
    }
}
