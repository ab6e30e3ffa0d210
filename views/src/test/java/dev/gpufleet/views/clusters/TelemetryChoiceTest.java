package dev.gpufleet.views.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The telemetry-source form and the cluster list's part in it, without a robot.
class TelemetryChoiceTest {

    @TempDir
    Path dir;

    private final List<String> calls = new ArrayList<>();
    private Optional<String> saveProblem = Optional.empty();
    private final ClusterControl control = new ClusterControl() {
        @Override
        public void connect(ClusterEntry entry) {
        }

        @Override
        public void disconnect(ClusterEntry entry) {
        }

        @Override
        public Optional<TelemetryChoice> telemetry(ClusterEntry entry) {
            return entry.name().equals("demo") ? Optional.empty() : Optional.of(TelemetryChoice.podProxy());
        }

        @Override
        public Optional<String> chooseTelemetry(ClusterEntry entry, TelemetryChoice choice, boolean connected) {
            calls.add(entry.name() + " " + choice.describe() + (connected ? " reconnect" : ""));
            return saveProblem;
        }
    };

    private final ClusterListViewModel list = new ClusterListViewModel(
            List.of(new ClusterEntry("prod", "~/.kube/config"), new ClusterEntry("demo", "built-in simulator")),
            Set.of("prod"), control);

    private TelemetryForm prometheusForm(String url) {
        TelemetryForm form = list.telemetryForm("prod").orElseThrow();
        form.prometheusProperty().set(true);
        form.urlProperty().set(url);
        return form;
    }

    @Test
    void thePodProxyNeedsNothingMore() {
        TelemetryForm form = list.telemetryForm("prod").orElseThrow();

        assertThat(form.problemsProperty().get()).isEmpty();
        assertThat(form.toChoice()).contains(TelemetryChoice.podProxy());
    }

    @Test
    void prometheusNeedsAnHttpUrlWithoutCredentials() {
        TelemetryForm form = prometheusForm("");
        assertThat(form.problemsProperty().get()).contains("Give the Prometheus URL");
        assertThat(form.toChoice()).isEmpty();

        form.urlProperty().set("prometheus:9090");
        assertThat(form.problemsProperty().get()).contains("not an http or https URL");

        form.urlProperty().set("http://bad host");
        assertThat(form.problemsProperty().get()).contains("is not a URL");

        form.urlProperty().set("https://admin:secret@prom.example:9090");
        assertThat(form.problemsProperty().get()).contains("Leave credentials out of the URL");

        form.urlProperty().set("https://prom.example:9090");
        assertThat(form.problemsProperty().get()).isEmpty();
        assertThat(form.toChoice()).contains(TelemetryChoice.prometheus("https://prom.example:9090"));
    }

    @Test
    void labelFilesAndSelectorAreChecked() throws Exception {
        TelemetryForm form = prometheusForm("http://prom:9090");
        form.nodeLabelProperty().set("kubernetes node");
        form.tokenFileProperty().set(dir.resolve("missing-token").toString());
        form.selectorProperty().set("{cluster=\"eu\"}");

        assertThat(form.check()).hasSize(3).anySatisfy(p -> assertThat(p).contains("not a label name"))
                .anySatisfy(p -> assertThat(p).contains("missing-token does not exist"))
                .anySatisfy(p -> assertThat(p).contains("without braces"));

        Path token = Files.writeString(dir.resolve("token"), "abc");
        Path ca = Files.writeString(dir.resolve("ca.pem"), "pem");
        form.nodeLabelProperty().set("node");
        form.tokenFileProperty().set(token.toString());
        form.caFileProperty().set(ca.toString());
        form.selectorProperty().set("cluster=\"eu\"");

        assertThat(form.check()).isEmpty();
        assertThat(form.toChoice()).contains(new TelemetryChoice(TelemetryChoice.Source.PROMETHEUS,
                "http://prom:9090", "node", token.toString(), ca.toString(), "cluster=\"eu\""));
    }

    @Test
    void savingAValidFormAsksTheControlAndShowsTheChoice() {
        Optional<String> problem = list.save(prometheusForm("http://prom:9090"));

        assertThat(problem).isEmpty();
        assertThat(calls).containsExactly("prod Prometheus http://prom:9090 reconnect");
        assertThat(list.item("prod").telemetryProperty().get()).isEqualTo(TelemetryChoice.prometheus("http://prom:9090"));
    }

    @Test
    void anInvalidFormChangesNothing() {
        Optional<String> problem = list.save(prometheusForm("ftp://prom"));

        assertThat(problem).hasValueSatisfying(text -> assertThat(text).contains("not an http or https URL"));
        assertThat(calls).isEmpty();
        assertThat(list.item("prod").telemetryProperty().get()).isEqualTo(TelemetryChoice.podProxy());
    }

    @Test
    void aProblemSavingKeepsTheOldChoiceShown() {
        saveProblem = Optional.of("disk full");

        assertThat(list.save(prometheusForm("http://prom:9090"))).contains("disk full");
        assertThat(list.item("prod").telemetryProperty().get()).isEqualTo(TelemetryChoice.podProxy());
    }

    @Test
    void theDemoFleetHasNoChoice() {
        assertThat(list.item("demo").telemetryProperty().get()).isNull();
        assertThat(list.telemetryForm("demo")).isEmpty();
    }
}
