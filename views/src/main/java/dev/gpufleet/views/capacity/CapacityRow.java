package dev.gpufleet.views.capacity;

import dev.gpufleet.core.capacity.WasteAmounts;
import dev.gpufleet.core.capacity.WasteReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// One row of a scope table: a cluster, pool, node, namespace or workload with its GPU-hours per
/// category (in [CategoryLook#ORDER]), the share of them that was idle, and what the idle ones cost.
///
/// @param key        the thing's key as the report names it, e.g. `demo-fleet/ml-train`
/// @param hours      GPU-hours per category, indexed like [CategoryLook#ORDER]
/// @param totalHours all its GPU-hours
/// @param idleHours  idle-allocated + stranded + free GPU-hours
/// @param idleCost   what the idle hours cost, in dollars
/// @param idleKwh    the energy the idle hours drew
public record CapacityRow(String key, double[] hours, double totalHours, double idleHours, double idleCost,
        double idleKwh) {

    /// The CSV header of [#csv()].
    public static final List<String> CSV_HEADER = csvHeader();

    public CapacityRow {
        hours = hours.clone();
    }

    public static CapacityRow of(WasteReport.Row row) {
        WasteAmounts amounts = row.amounts();
        double[] hours = new double[CategoryLook.ORDER.size()];
        double idle = 0;
        for (CategoryLook look : CategoryLook.ORDER) {
            hours[look.ordinal()] = amounts.hours(look.category());
            if (look.idle()) {
                idle += hours[look.ordinal()];
            }
        }
        return new CapacityRow(row.key(), hours, amounts.totalHours(), idle, amounts.idleDollars(), amounts.idleKwh());
    }

    /// GPU-hours of one category.
    public double hours(CategoryLook look) {
        return hours[look.ordinal()];
    }

    @Override
    public double[] hours() {
        return hours.clone();
    }

    /// Idle hours over all hours, in percent; `NaN` when it has no hours yet.
    public double idlePercent() {
        return totalHours > 0 ? 100 * idleHours / totalHours : Double.NaN;
    }

    /// The row as CSV fields, in the order of [#CSV_HEADER].
    public List<String> csv() {
        List<String> fields = new ArrayList<>();
        fields.add(key);
        for (double value : hours) {
            fields.add(number(value));
        }
        fields.add(number(totalHours));
        fields.add(Double.isNaN(idlePercent()) ? "" : number(idlePercent()));
        fields.add(number(idleCost));
        fields.add(number(idleKwh));
        return fields;
    }

    private static List<String> csvHeader() {
        List<String> header = new ArrayList<>();
        header.add("key");
        for (CategoryLook look : CategoryLook.ORDER) {
            header.add(look.category().id() + "_gpu_hours");
        }
        header.addAll(List.of("total_gpu_hours", "idle_percent", "idle_cost_usd", "idle_energy_kwh"));
        return List.copyOf(header);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
