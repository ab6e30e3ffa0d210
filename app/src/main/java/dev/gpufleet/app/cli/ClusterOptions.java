package dev.gpufleet.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/// The options every command that reaches clusters takes.
public final class ClusterOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config).")
    @Nullable Path kubeconfig;

    @Option(names = "--context", paramLabel = "C",
            description = "Kubeconfig context to connect; repeat for several (default: the current context).")
    List<String> contexts = new ArrayList<>();

    public @Nullable Path kubeconfig() {
        return kubeconfig;
    }

    public List<String> contexts() {
        return List.copyOf(contexts);
    }
}
