package dev.gpufleet.core.rebalance;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/// One whole plan over [SyntheticRebalanceFleet]: 12,500 nodes × 8 GPUs = 100,000 GPUs,
/// 50,000 running pods plus the pending ones, for each goal and move limit. The target is a
/// median (`p0.50`) of at most 1 s.
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RebalancePlannerBenchmark {

    @Param({"12500"})
    int nodes;

    @Param({"500"})
    int pending;

    @Param({"DEFRAG", "EVACUATE", "SPREAD"})
    Goal goal;

    @Param({"20", "1000"})
    int maxMoves;

    private RebalanceInput input;
    private RebalanceOptions options;

    @Setup(Level.Trial)
    public void setUp() {
        input = SyntheticRebalanceFleet.generate(nodes, pending, 42);
        options = RebalanceOptions.of(goal).withMaxMoves(maxMoves);
        RebalancePlan plan = RebalancePlanner.plan(input, options);
        System.err.printf("%s max %d: %d moves, %d left behind, nodes freed %d, pending that fit %d, stranded %d -> %d%n",
                goal, maxMoves, plan.moves().size(), plan.leftBehind().size(), plan.effect().nodesFreed().size(),
                plan.effect().pendingThatFit().size(), plan.effect().strandedBefore(), plan.effect().strandedAfter());
    }

    @Benchmark
    public RebalancePlan plan() {
        return RebalancePlanner.plan(input, options);
    }
}
