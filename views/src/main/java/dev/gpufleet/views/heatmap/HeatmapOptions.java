package dev.gpufleet.views.heatmap;

import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/// The heatmap toolbar's view model: group-by label, sort and search text, and the
/// [HeatmapArrangement] they make. Knows no `Node`.
///
/// Search text is parsed on every change. While it cannot be read, [#filterErrorProperty()]
/// says what and where (`column 7: unknown health 'bad' …`) and the arrangement keeps the last
/// filter that could, so the map does not flash empty while someone types.
public final class HeatmapOptions {

    private final StringProperty groupLabel = new SimpleStringProperty(this, "groupLabel", "");
    private final ObjectProperty<HeatmapSort> sort = new SimpleObjectProperty<>(this, "sort", HeatmapSort.NAME);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final ReadOnlyStringWrapper filterError = new ReadOnlyStringWrapper(this, "filterError", "");
    private final ReadOnlyObjectWrapper<Integer> filterErrorColumn = new ReadOnlyObjectWrapper<>(this, "filterErrorColumn", 0);
    private final ReadOnlyObjectWrapper<HeatmapArrangement> arrangement =
            new ReadOnlyObjectWrapper<>(this, "arrangement", HeatmapArrangement.DEFAULT);
    private HeatmapFilter lastGoodFilter = HeatmapFilter.ALL;

    public HeatmapOptions() {
        groupLabel.addListener(obs -> update());
        sort.addListener(obs -> update());
        filterText.addListener(obs -> parseFilter());
    }

    /// The node label nodes are grouped by within their cluster; blank groups by cluster only.
    public StringProperty groupLabelProperty() {
        return groupLabel;
    }

    public ObjectProperty<HeatmapSort> sortProperty() {
        return sort;
    }

    /// The search line ([HeatmapFilter] syntax).
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /// Why the search text cannot be read, with its column; empty when it can.
    public ReadOnlyStringProperty filterErrorProperty() {
        return filterError.getReadOnlyProperty();
    }

    /// 1-based column of the mistake in the search text; 0 when there is none.
    public ReadOnlyObjectProperty<Integer> filterErrorColumnProperty() {
        return filterErrorColumn.getReadOnlyProperty();
    }

    /// The arrangement to show: the heatmap binds to this.
    public ReadOnlyObjectProperty<HeatmapArrangement> arrangementProperty() {
        return arrangement.getReadOnlyProperty();
    }

    public HeatmapArrangement getArrangement() {
        return arrangement.get();
    }

    public void groupBy(@Nullable String label) {
        groupLabel.set(label == null ? "" : label.strip());
    }

    public void sortBy(HeatmapSort value) {
        sort.set(Objects.requireNonNull(value, "sort"));
    }

    public void search(String text) {
        filterText.set(Objects.requireNonNull(text, "text"));
    }

    public void clearSearch() {
        filterText.set("");
    }

    private void parseFilter() {
        try {
            lastGoodFilter = HeatmapFilter.parse(Objects.requireNonNullElse(filterText.get(), ""));
            filterError.set("");
            filterErrorColumn.set(0);
        } catch (HeatmapFilter.ParseException e) {
            filterError.set("column " + e.column() + ": " + e.getMessage());
            filterErrorColumn.set(e.column());
        }
        update();
    }

    private void update() {
        String label = groupLabel.get();
        arrangement.set(new HeatmapArrangement(label == null || label.isBlank() ? null : label.strip(),
                Objects.requireNonNullElse(sort.get(), HeatmapSort.NAME), lastGoodFilter));
    }
}
