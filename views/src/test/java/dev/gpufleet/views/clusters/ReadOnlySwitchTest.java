package dev.gpufleet.views.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/// The cluster list's read-only switch: it starts from what the control remembers, asks the
/// control to remember each change, answers [ReadOnlyContexts], and shows a save problem.
class ReadOnlySwitchTest {

    private final Set<String> remembered = new HashSet<>(Set.of("prod"));
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
        public boolean readOnly(ClusterEntry entry) {
            return remembered.contains(entry.name());
        }

        @Override
        public Optional<String> chooseReadOnly(ClusterEntry entry, boolean readOnly) {
            calls.add(entry.name() + (readOnly ? " read-only" : " writable"));
            if (readOnly) {
                remembered.add(entry.name());
            } else {
                remembered.remove(entry.name());
            }
            return saveProblem;
        }
    };

    private ClusterListViewModel model() {
        return new ClusterListViewModel(List.of(new ClusterEntry("prod", "~/.kube/config"),
                new ClusterEntry("staging", "~/.kube/config")), Set.of(), control);
    }

    @Test
    void theSwitchStartsFromTheSettingsAndAnswersTheQuery() {
        ClusterListViewModel model = model();

        assertThat(model.item("prod").readOnlyProperty().get()).isTrue();
        assertThat(model.isReadOnly("prod")).isTrue();
        assertThat(model.isReadOnly("staging")).isFalse();
        assertThat(model.isReadOnly("not-listed")).isFalse();
        assertThat(calls).isEmpty();
    }

    @Test
    void flippingTheSwitchIsRemembered() {
        ClusterListViewModel model = model();

        model.item("staging").readOnlyProperty().set(true);
        model.item("prod").readOnlyProperty().set(false);

        assertThat(calls).containsExactly("staging read-only", "prod writable");
        assertThat(remembered).containsExactly("staging");
        assertThat(model.isReadOnly("staging")).isTrue();
        assertThat(model.isReadOnly("prod")).isFalse();
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void aSwitchThatCannotBeSavedSaysSoAndStillApplies() {
        ClusterListViewModel model = model();
        saveProblem = Optional.of("could not be saved: disk full");

        model.item("staging").readOnlyProperty().set(true);

        assertThat(model.problemProperty().get()).isEqualTo("could not be saved: disk full");
        assertThat(model.isReadOnly("staging")).isTrue();
        saveProblem = Optional.empty();
        model.item("staging").readOnlyProperty().set(false);
        assertThat(model.problemProperty().get()).isEmpty();
    }

    @Test
    void nothingIsReadOnlyByDefault() {
        assertThat(ReadOnlyContexts.NONE.isReadOnly("prod")).isFalse();
        ClusterControl plain = new ClusterControl() {
            @Override
            public void connect(ClusterEntry entry) {
            }

            @Override
            public void disconnect(ClusterEntry entry) {
            }
        };
        assertThat(plain.readOnly(new ClusterEntry("prod", ""))).isFalse();
        assertThat(plain.chooseReadOnly(new ClusterEntry("prod", ""), true)).isPresent();
    }
}
