package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.WasteCategory;
import java.util.List;

/// How each [WasteCategory] is named and coloured on the capacity screen. The colours are the
/// Okabe–Ito palette, told apart with the common colour-vision deficiencies and readable on
/// both the light and the dark theme; the chart's CSS (`capacity.css`) uses the same ones.
public enum CategoryLook {
    USED(WasteCategory.USED, "Used", "#009E73"),
    UNDERUSED(WasteCategory.UNDERUSED, "Underused", "#56B4E9"),
    IDLE_ALLOCATED(WasteCategory.IDLE_ALLOCATED, "Idle allocated", "#E69F00"),
    STRANDED(WasteCategory.STRANDED, "Stranded", "#D55E00"),
    FREE(WasteCategory.FREE, "Free", "#0072B2"),
    OUT_OF_SERVICE(WasteCategory.OUT_OF_SERVICE, "Out of service", "#CC79A7"),
    UNKNOWN(WasteCategory.UNKNOWN, "Unknown", "#999999");

    /// The order categories are stacked and listed in: allocated first, unknown last.
    public static final List<CategoryLook> ORDER = List.of(values());

    private final WasteCategory category;
    private final String label;
    private final String colour;

    CategoryLook(WasteCategory category, String label, String colour) {
        this.category = category;
        this.label = label;
        this.colour = colour;
    }

    public WasteCategory category() {
        return category;
    }

    /// The name people read, e.g. "Idle allocated".
    public String label() {
        return label;
    }

    /// The colour as CSS hex, e.g. `#E69F00`.
    public String colour() {
        return colour;
    }

    /// Whether this category's hours count as idle: idle-allocated, stranded or free.
    public boolean idle() {
        return category == WasteCategory.IDLE_ALLOCATED || category.unallocated();
    }
}
