package dev.gpufleet.views.heatmap;

import dev.gpufleet.core.model.Health;
import dev.gpufleet.core.model.PodRef;
import dev.gpufleet.core.store.GpuSnapshot;
import dev.gpufleet.core.store.NodeSnapshot;
import dev.gpufleet.core.telemetry.MigSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/// Which GPUs the heatmap shows, read from one line of search text.
///
/// Terms are separated by spaces and must all hold:
///
/// | term | shows |
/// |---|---|
/// | `gpu-00*`, `node:gpu-0?1` | nodes whose name matches the glob (`*`, `?`), or contains the word when it has no wildcard |
/// | `-l SELECTOR`, `label:SELECTOR` | nodes whose labels match a kubectl label selector ([LabelSelector]): `-l zone in (a, b),!spot`; quote other spaces: `-l "zone = a"` |
/// | `ns:NAMESPACE` | GPUs attributed to a pod in that namespace (MIG instances count) |
/// | `pod:NAME`, `pod:NS/NAME` | GPUs attributed to a pod whose name contains NAME |
/// | `model:H100` | GPUs whose model contains the text (case and `-`/space ignored) |
/// | `health:warning`, `health>=warning` | GPUs at least that unhealthy (`healthy` < `unknown` < `warning` < `failing`) |
///
/// Node terms pick nodes; GPU terms then pick GPUs on them, so a node whose GPUs all fail a
/// GPU term disappears. [#parse] names the first mistake and its column.
public final class HeatmapFilter {

    /// Shows everything.
    public static final HeatmapFilter ALL = new HeatmapFilter("", List.of(), List.of(), null, null, null, null);

    /// Search text that could not be read: [#getMessage] says what, [#column] (1-based) where.
    public static final class ParseException extends Exception {

        private final int column;

        ParseException(String message, int column) {
            super(message);
            this.column = column;
        }

        public int column() {
            return column;
        }
    }

    private final String text;
    private final List<String> nodePatterns;
    private final List<LabelSelector> selectors;
    private final @Nullable String namespace;
    private final @Nullable String pod;
    private final @Nullable String model;
    private final @Nullable Health minHealth;

    private HeatmapFilter(String text, List<String> nodePatterns, List<LabelSelector> selectors,
                          @Nullable String namespace, @Nullable String pod, @Nullable String model,
                          @Nullable Health minHealth) {
        this.text = text;
        this.nodePatterns = List.copyOf(nodePatterns);
        this.selectors = List.copyOf(selectors);
        this.namespace = namespace;
        this.pod = pod;
        this.model = model;
        this.minHealth = minHealth;
    }

    /// Reads search text; blank text shows everything.
    public static HeatmapFilter parse(String text) throws ParseException {
        List<FilterTokens.Token> tokens = FilterTokens.split(text);
        Builder builder = new Builder(text.strip());
        for (int i = 0; i < tokens.size(); i++) {
            FilterTokens.Token token = tokens.get(i);
            if (token.text().equals("-l")) {
                if (i + 1 >= tokens.size()) {
                    throw new ParseException("'-l' needs a label selector after it", token.column());
                }
                int[] end = new int[1];
                FilterTokens.Token selector = FilterTokens.selectorFrom(tokens, i + 1, end);
                builder.selector(selector.text(), selector, 0);
                i = end[0];
            } else if (token.text().startsWith("label:") || token.text().startsWith("l:")) {
                int[] end = new int[1];
                FilterTokens.Token term = FilterTokens.selectorFrom(tokens, i, end);
                builder.term(term);
                i = end[0];
            } else {
                builder.term(token);
            }
        }
        return builder.build();
    }

    /// Whether `node`'s name and labels pass the node terms.
    public boolean matchesNode(NodeSnapshot node) {
        for (String pattern : nodePatterns) {
            if (!Glob.matches(pattern, node.name())) {
                return false;
            }
        }
        for (LabelSelector selector : selectors) {
            if (!selector.matches(node.node().labels())) {
                return false;
            }
        }
        return true;
    }

    /// Whether `gpu` passes the GPU terms (model, health, namespace, pod).
    public boolean matchesGpu(GpuSnapshot gpu) {
        if (minHealth != null && gpu.health().ordinal() < minHealth.ordinal()) {
            return false;
        }
        if (model != null && (gpu.model() == null || !normalModel(gpu.model()).contains(model))) {
            return false;
        }
        return (namespace == null && pod == null) || attributed(gpu);
    }

    /// Whether the GPU terms need the GPU record (model, namespace or pod terms); without them
    /// [#matchesHealth] decides from the health alone.
    public boolean gpuTermsNeedRecord() {
        return model != null || namespace != null || pod != null;
    }

    /// Whether a GPU of health `healthOrdinal` ([Health#ordinal()]) passes the health term; with
    /// no other GPU terms, the same as [#matchesGpu] for that GPU.
    public boolean matchesHealth(int healthOrdinal) {
        return minHealth == null || healthOrdinal >= minHealth.ordinal();
    }

    /// Whether there are GPU terms at all (else every GPU of a shown node is shown).
    public boolean hasGpuTerms() {
        return minHealth != null || model != null || namespace != null || pod != null;
    }

    public boolean isEmpty() {
        return nodePatterns.isEmpty() && selectors.isEmpty() && !hasGpuTerms();
    }

    /// The text this filter was read from, trimmed.
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private boolean attributed(GpuSnapshot gpu) {
        for (PodRef ref : gpu.pods()) {
            if (podMatches(ref)) {
                return true;
            }
        }
        for (MigSample instance : gpu.mig()) {
            for (PodRef ref : instance.pods()) {
                if (podMatches(ref)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean podMatches(PodRef ref) {
        return (namespace == null || namespace.equals(ref.namespace()))
                && (pod == null || ref.name().contains(pod));
    }

    static String normalModel(String model) {
        return model.toLowerCase(Locale.ROOT).replace('-', ' ');
    }

    /// Collects terms while parsing.
    private static final class Builder {

        private final String text;
        private final List<String> nodePatterns = new ArrayList<>();
        private final List<LabelSelector> selectors = new ArrayList<>();
        private @Nullable String namespace;
        private @Nullable String pod;
        private @Nullable String model;
        private @Nullable Health minHealth;

        Builder(String text) {
            this.text = text;
        }

        void term(FilterTokens.Token token) throws ParseException {
            String term = token.text();
            int colon = term.indexOf(':');
            if (term.startsWith("health>=")) {
                health(term.substring("health>=".length()), token.columnOf("health>=".length()));
                return;
            }
            if (colon < 0) {
                nodePatterns.add(term);
                return;
            }
            String key = term.substring(0, colon).toLowerCase(Locale.ROOT);
            String value = term.substring(colon + 1);
            int valueColumn = token.columnOf(colon + 1);
            if (value.isEmpty()) {
                throw new ParseException("'" + key + ":' needs a value after the colon", valueColumn);
            }
            switch (key) {
                case "node" -> nodePatterns.add(value);
                case "label", "l" -> selector(value, token, colon + 1);
                case "ns", "namespace" -> namespace = value;
                case "pod" -> pod(value);
                case "model" -> model = normalModel(value);
                case "health" -> health(value, valueColumn);
                default -> throw new ParseException("unknown term '" + key
                        + ":'; use node:, label: (or -l), ns:, pod:, model: or health:", token.column());
            }
        }

        /// Reads the selector that starts at character `offset` of `token`.
        void selector(String value, FilterTokens.Token token, int offset) throws ParseException {
            try {
                selectors.add(LabelSelector.parse(value));
            } catch (LabelSelector.ParseException e) {
                throw new ParseException("label selector: " + e.getMessage(), token.columnOf(offset + e.column() - 1));
            }
        }

        private void pod(String value) {
            int slash = value.indexOf('/');
            if (slash > 0) {
                namespace = value.substring(0, slash);
                pod = value.substring(slash + 1);
            } else {
                pod = value;
            }
        }

        private void health(String value, int column) throws ParseException {
            try {
                minHealth = Health.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ParseException("unknown health '" + value + "'; use healthy, unknown, warning or failing",
                        column);
            }
        }

        HeatmapFilter build() {
            return new HeatmapFilter(text, nodePatterns, selectors, namespace, pod, model, minHealth);
        }
    }
}
