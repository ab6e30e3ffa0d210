package dev.gpufleet.views.audit;

import dev.gpufleet.core.audit.AuditEntry;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/// The audit log as rows, newest first, narrowed by a filter: whitespace-separated words that
/// must all occur (any case) in a row's columns, e.g. `drain prod failed`. Knows no `Node`.
public final class AuditViewModel {

    private static final Comparator<AuditRow> NEWEST_FIRST =
            Comparator.comparing(AuditRow::instant).reversed();

    private final AuditSource source;
    private final Executor fxThread;
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ObservableList<AuditRow> rows = FXCollections.observableArrayList();
    private List<AuditRow> all = List.of();

    /// Reads through `source`, applying the answer through `fxThread`.
    public AuditViewModel(AuditSource source, Executor fxThread) {
        this.source = Objects.requireNonNull(source, "source");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        filter.addListener((obs, was, now) -> applyFilter());
    }

    /// Reads the log again; call on the FX thread.
    public void refresh() {
        loading.set(true);
        source.entries().whenComplete((entries, failure) -> fxThread.execute(() -> {
            loading.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                status.set("The audit log could not be read: " + cause.getMessage());
                return;
            }
            all = rowsOf(entries);
            applyFilter();
        }));
    }

    static List<AuditRow> rowsOf(List<AuditEntry> entries) {
        Set<String> finished = new HashSet<>();
        for (AuditEntry entry : entries) {
            if (entry.phase() == AuditEntry.Phase.outcome) {
                finished.add(entry.id());
            }
        }
        // Later lines first, so entries of the same instant keep the log's order, newest first.
        return entries.reversed().stream().map(entry -> AuditRow.of(entry, finished.contains(entry.id())))
                .sorted(NEWEST_FIRST).toList();
    }

    private void applyFilter() {
        String text = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        String[] words = text.isEmpty() ? new String[0] : text.split("\\s+");
        rows.setAll(all.stream().filter(row -> row.matches(words)).toList());
        status.set(all.isEmpty() ? "No cluster-changing action has been recorded yet."
                : rows.size() + " of " + all.size() + " entries");
    }

    /// The filter words.
    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /// How many rows show, or why none can.
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /// The rows that pass the filter, newest first.
    public ObservableList<AuditRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }
}
