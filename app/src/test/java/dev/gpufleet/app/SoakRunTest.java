package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpufleet.app.soak.SoakPlan;
import dev.gpufleet.app.soak.SoakProbe;
import dev.gpufleet.app.soak.SoakReport;
import dev.gpufleet.app.soak.SoakSample;
import dev.gpufleet.connectors.cluster.ConnectionOptions;
import dev.gpufleet.connectors.kube.Kubeconfig;
import dev.gpufleet.core.exec.VirtualThreadTaskExecutor;
import dev.gpufleet.core.store.FleetStore;
import dev.gpufleet.sim.cluster.ChurnRate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/// The soak machinery on a short run: 20 s of the console on the churning demo fleet, sampled
/// every 2 s. Asserts that the samples exist and are well formed and that the churn ran, never
/// on timings (a loaded build machine makes any).
class SoakRunTest {

    private static final int DEMO_NODES = 64 + FleetSession.DEMO_AMD_NODES;

    @Test
    void aShortSoakOnTheChurningDemoGivesWellFormedSamples() throws Exception {
        FleetSession session = new FleetSession(new FleetStore(), Kubeconfig.empty(), FleetSession.demoConfig(),
                ConnectionOptions.defaults());
        session.churnTheDemo(ChurnRate.defaults().faster(4));
        SoakProbe probe = new SoakProbe(SoakPlan.of(Duration.ofSeconds(20), Duration.ofSeconds(2), null),
                session.store()::current, () -> session.demoChurnStats().map(Object::toString).orElse(""));
        ConsoleWindow[] window = new ConsoleWindow[1];
        try {
            session.connect(FleetSession.DEMO).ready().get(60, TimeUnit.SECONDS);
            FxToolkit.registerPrimaryStage();
            FxToolkit.toolkitContext().setSetupTimeoutInMillis(60_000);
            FxToolkit.setupStage(stage -> {
                probe.startPulses();
                window[0] = new ConsoleWindow(session, ConsolePlan.demoOnly(), new VirtualThreadTaskExecutor("test"),
                        Clock.systemUTC());
                Scene scene = new Scene(window[0], 1400, 900);
                stage.setScene(scene);
                stage.show();
                probe.attach(scene, window[0].screen().heatmap());
            });
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window[0].screen().heatmap().cellCount() > 0);

            SoakReport report = probe.run().get(180, TimeUnit.SECONDS);

            assertWellFormed(report.samples());
            assertThat(session.demoChurnStats()).hasValueSatisfying(stats -> {
                assertThat(stats.jobsCreated()).isPositive();
                assertThat(report.churn()).startsWith("jobs +");
            });
            assertThat(report.table()).startsWith(SoakSample.header().substring(0, 6)).contains("heap slope (second half): ")
                    .containsPattern("verdict: (PASS|FAIL: .+)");
            List<String> csv = report.csv().lines().toList();
            assertThat(csv).hasSize(11).first().isEqualTo(SoakSample.CSV_HEADER);
            assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line.split(",")).hasSize(15));
        } finally {
            probe.close();
            FxToolkit.cleanupStages();
            session.close();
        }
    }

    private static void assertWellFormed(List<SoakSample> samples) {
        assertThat(samples).hasSize(10);
        for (int i = 0; i < samples.size(); i++) {
            SoakSample s = samples.get(i);
            assertThat(s.seconds()).isPositive();
            if (i > 0) {
                assertThat(s.seconds()).isGreaterThan(samples.get(i - 1).seconds());
                assertThat(s.snapshots()).isGreaterThanOrEqualTo(samples.get(i - 1).snapshots());
            }
            assertThat(s.heapMb()).isPositive();
            assertThat(s.threads()).isPositive();
            assertThat(s.nodes()).isEqualTo(DEMO_NODES);
            assertThat(s.gpus()).isEqualTo(DEMO_NODES * 8);
            assertThat(s.pods()).isPositive();
            if (s.pulses() > 1) {
                assertThat(s.gapP50()).isPositive().isLessThanOrEqualTo(s.gapP99());
                assertThat(s.gapP99()).isLessThanOrEqualTo(s.gapMax());
            }
            if (s.frames() > 0) {
                assertThat(s.frameP50()).isPositive().isLessThanOrEqualTo(s.frameP99());
                assertThat(s.frameP99()).isLessThanOrEqualTo(s.frameMax());
            } else {
                assertThat(s.frameP50()).isNaN();
            }
        }
        assertThat(samples.getLast().snapshots()).isGreaterThan(samples.getFirst().snapshots());
        assertThat(samples.stream().mapToLong(SoakSample::pulses).sum()).isPositive();
        assertThat(samples.stream().mapToLong(SoakSample::frames).sum()).as("heatmap frames in 20 s").isPositive();
    }
}
