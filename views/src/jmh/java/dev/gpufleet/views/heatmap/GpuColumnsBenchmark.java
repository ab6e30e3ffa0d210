package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.store.GpuColumns;
import dev.gpufleet.core.store.NodeSnapshot;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/// What publishing [GpuColumns] costs the store: building the columns of all 12,500 nodes
/// (100,000 GPUs) of [SyntheticFleet], what a scrape of every exporter adds on the store's
/// writer thread (a scrape of one node adds 1/12,500 of it). An upper bound: the store builds a
/// node's columns right after its GPU records, still in cache; here the records are read cold
/// from a 100 MB snapshot.
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class GpuColumnsBenchmark {

    private NodeSnapshot[] nodes;

    @Setup
    public void setUp() {
        nodes = SyntheticFleet.nodes(1);
    }

    @Benchmark
    public int buildAllColumns() {
        int gpus = 0;
        for (NodeSnapshot node : nodes) {
            gpus += GpuColumns.of(node.gpus()).count();
        }
        return gpus;
    }
}
