package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.PendingPod;
import dev.gpufleet.core.capacity.WasteReport;
import dev.gpufleet.views.format.MetricFormat;
import java.time.Duration;
import java.util.Map;
import java.util.Locale;
import java.util.stream.Collectors;

/// How the capacity screen writes its numbers.
public final class CapacityText {

    private CapacityText() {
    }

    /// GPU-hours with sensible precision, e.g. `0.042`, `3.5`, `1,204`.
    public static String hours(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 1 ? "%.1f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    public static String percent(double value) {
        return Double.isNaN(value) ? "–" : MetricFormat.percent(value);
    }

    public static String dollars(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "$%,.0f" : "$%.2f", value);
    }

    public static String kwh(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f kWh" : "%.2f kWh", value);
    }

    /// A window's length, e.g. `2 h 5 min`, `45 s`.
    public static String window(Duration window) {
        long seconds = window.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    /// What a pending pod asks for, e.g. `8 nvidia.com/gpu`.
    public static String requests(PendingPod pod) {
        return pod.requests().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    /// The status line: the window, the fleet's GPU-hours, what the numbers leave out.
    static String status(WasteReport report, CapacityRow fleet) {
        if (fleet.totalHours() <= 0) {
            return "Counting since " + report.from() + ": GPU-hours appear after the second snapshot.";
        }
        return "Since the console started (" + window(report.window()) + "): " + hours(fleet.totalHours())
                + " GPU-hours, idle under " + report.settings().idleBelowPercent() + " % SM activity. "
                + String.join(" ", report.notes());
    }
}
