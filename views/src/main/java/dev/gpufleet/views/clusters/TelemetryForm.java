package dev.gpufleet.views.clusters;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/// The telemetry-source dialog's state for one cluster: the fields as typed, and the problems
/// with them, shown inline and kept current as the person types. Knows no `Node`.
///
/// [#toChoice] yields a [TelemetryChoice] only when there are no problems; nothing here throws
/// for bad input.
public final class TelemetryForm {

    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String cluster;
    private final BooleanProperty prometheus = new SimpleBooleanProperty(this, "prometheus");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty nodeLabel = new SimpleStringProperty(this, "nodeLabel", "");
    private final StringProperty tokenFile = new SimpleStringProperty(this, "tokenFile", "");
    private final StringProperty caFile = new SimpleStringProperty(this, "caFile", "");
    private final StringProperty selector = new SimpleStringProperty(this, "selector", "");
    private final ReadOnlyStringWrapper problems = new ReadOnlyStringWrapper(this, "problems", "");

    /// A form for `cluster` filled with its current choice.
    public TelemetryForm(String cluster, TelemetryChoice current) {
        this.cluster = cluster;
        prometheus.set(current.isPrometheus());
        url.set(orEmpty(current.url()));
        nodeLabel.set(current.nodeLabel());
        tokenFile.set(orEmpty(current.tokenFile()));
        caFile.set(orEmpty(current.caFile()));
        selector.set(current.selector());
        for (var field : List.of(prometheus, url, nodeLabel, tokenFile, caFile, selector)) {
            field.addListener(obs -> problems.set(String.join("\n", check())));
        }
        problems.set(String.join("\n", check()));
    }

    public String cluster() {
        return cluster;
    }

    /// The choice the fields describe, or empty while [#problemsProperty] is not empty.
    public Optional<TelemetryChoice> toChoice() {
        if (!check().isEmpty()) {
            return Optional.empty();
        }
        if (!prometheus.get()) {
            return Optional.of(TelemetryChoice.podProxy());
        }
        String label = nodeLabel.get().strip();
        return Optional.of(new TelemetryChoice(TelemetryChoice.Source.PROMETHEUS, url.get().strip(),
                label.isEmpty() ? TelemetryChoice.DEFAULT_NODE_LABEL : label, blankToNull(tokenFile.get()),
                blankToNull(caFile.get()), selector.get().strip()));
    }

    /// What is wrong with the fields, one sentence per problem; empty when they can be saved.
    public List<String> check() {
        List<String> found = new ArrayList<>();
        if (!prometheus.get()) {
            return found;
        }
        urlProblem(url.get().strip()).ifPresent(found::add);
        String label = nodeLabel.get().strip();
        if (!label.isEmpty() && !LABEL_NAME.matcher(label).matches()) {
            found.add("The node label \"" + label + "\" is not a label name (letters, digits and _), e.g. Hostname.");
        }
        fileProblem("token file", tokenFile.get()).ifPresent(found::add);
        fileProblem("CA file", caFile.get()).ifPresent(found::add);
        String matchers = selector.get().strip();
        if (matchers.contains("{") || matchers.contains("}")) {
            found.add("Write the selector without braces, e.g. cluster=\"prod-eu\".");
        }
        return found;
    }

    private static Optional<String> urlProblem(String text) {
        if (text.isEmpty()) {
            return Optional.of("Give the Prometheus URL, e.g. http://prometheus.monitoring:9090.");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException bad) {
            return Optional.of("\"" + text + "\" is not a URL: " + bad.getReason() + ".");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            return Optional.of("\"" + text + "\" is not an http or https URL; give its base, e.g."
                    + " http://prometheus.monitoring:9090.");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("Leave credentials out of the URL: it is saved in plain text. Use a token file.");
        }
        return Optional.empty();
    }

    private static Optional<String> fileProblem(String what, String text) {
        String path = text.strip();
        if (path.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(Path.of(path)) || !Files.isReadable(Path.of(path))) {
                return Optional.of("The " + what + " " + path + " does not exist or cannot be read. Check the path.");
            }
        } catch (InvalidPathException bad) {
            return Optional.of("The " + what + " \"" + path + "\" is not a valid path.");
        }
        return Optional.empty();
    }

    private static String orEmpty(@Nullable String text) {
        return text == null ? "" : text;
    }

    private static @Nullable String blankToNull(String text) {
        return text.isBlank() ? null : text.strip();
    }

    /// True for Prometheus, false for dcgm-exporter through the pod proxy.
    public BooleanProperty prometheusProperty() {
        return prometheus;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty nodeLabelProperty() {
        return nodeLabel;
    }

    public StringProperty tokenFileProperty() {
        return tokenFile;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public StringProperty selectorProperty() {
        return selector;
    }

    /// The problems, one per line; empty when the form can be saved.
    public ReadOnlyStringProperty problemsProperty() {
        return problems.getReadOnlyProperty();
    }
}
