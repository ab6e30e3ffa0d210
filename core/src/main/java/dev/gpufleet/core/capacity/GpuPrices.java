package dev.gpufleet.core.capacity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/// Dollars per GPU-hour by GPU model.
///
/// A model matches the longest key it contains, compared without case and with dashes read as
/// spaces (`H100` prices `NVIDIA H100 80GB HBM3`; a key `H100 NVL` beats it for that card); a
/// model that matches no key, or an unknown model, costs the `default` price.
///
/// The [#defaults()] are rough list-price-ish placeholders for on-demand cloud GPUs, there so
/// that a report shows the shape of the money: set your own in `gpu-prices.json`.
public final class GpuPrices {

    /// The key whose price applies to models no other key matches.
    public static final String DEFAULT_KEY = "default";

    private final Map<String, Double> byKey;

    private GpuPrices(Map<String, Double> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /// Placeholder prices: A100 1.80, H100 3.00, H200 3.70, MI300X 3.50, anything else 2.00 $/h.
    public static GpuPrices defaults() {
        Map<String, Double> prices = new LinkedHashMap<>();
        prices.put("A100", 1.80);
        prices.put("H100", 3.00);
        prices.put("H200", 3.70);
        prices.put("MI300X", 3.50);
        prices.put(DEFAULT_KEY, 2.00);
        return new GpuPrices(prices);
    }

    /// These prices with `overrides` put over them.
    public GpuPrices with(Map<String, Double> overrides) {
        Map<String, Double> merged = new LinkedHashMap<>(byKey);
        merged.putAll(overrides);
        return new GpuPrices(merged);
    }

    /// Every key and its price.
    public Map<String, Double> asMap() {
        return byKey;
    }

    /// Dollars per GPU-hour of `model`.
    public double perHour(@Nullable String model) {
        String wanted = model == null ? "" : normal(model);
        String best = null;
        for (String key : byKey.keySet()) {
            if (!key.equals(DEFAULT_KEY) && wanted.contains(normal(key))
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return byKey.getOrDefault(best == null ? DEFAULT_KEY : best, 0.0);
    }

    private static String normal(String text) {
        return text.toLowerCase(Locale.ROOT).replace('-', ' ').replace('_', ' ');
    }
}
