package dev.gpufleet.views.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/// The cluster list's production mark: it starts from what the control says, asks the control
/// to remember each change, answers for action UIs, and shows a save problem.
class ProductionMarkTest {

    private final Set<String> remembered = new HashSet<>(Set.of("prod-east"));
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
        public boolean production(ClusterEntry entry) {
            return remembered.contains(entry.name());
        }

        @Override
        public Optional<String> chooseProduction(ClusterEntry entry, boolean production) {
            calls.add(entry.name() + (production ? " production" : " not production"));
            if (production) {
                remembered.add(entry.name());
            } else {
                remembered.remove(entry.name());
            }
            return saveProblem;
        }
    };

    private ClusterListViewModel model() {
        return new ClusterListViewModel(List.of(new ClusterEntry("prod-east", "~/.kube/config"),
                new ClusterEntry("lab", "~/.kube/config")), Set.of(), control);
    }

    @Test
    void startsFromTheControlAndRemembersEachChange() {
        ClusterListViewModel model = model();
        assertThat(model.isProduction("prod-east")).isTrue();
        assertThat(model.isProduction("lab")).isFalse();
        assertThat(calls).isEmpty();

        model.item("lab").productionProperty().set(true);
        model.item("prod-east").productionProperty().set(false);

        assertThat(calls).containsExactly("lab production", "prod-east not production");
        assertThat(model.isProduction("lab")).isTrue();
        assertThat(model.isProduction("prod-east")).isFalse();
        assertThat(model.isProduction("unknown")).isFalse();
        assertThat(model().item("lab").productionProperty().get()).as("a new list reads the remembered mark").isTrue();
    }

    @Test
    void aSaveProblemIsShownUnderTheList() {
        ClusterListViewModel model = model();
        saveProblem = Optional.of("could not be saved to /nowhere");

        model.item("lab").productionProperty().set(true);

        assertThat(model.problemProperty().get()).contains("could not be saved");
    }
}
