package dev.gpufleet.connectors.kube;

/// How a kubeconfig was chosen, which decides the advice its errors give.
enum KubeconfigOrigin {
    /// `--kubeconfig FILE`.
    FLAG("fix the YAML or pass another file with --kubeconfig", "check the path given to --kubeconfig"),
    /// One file of the `KUBECONFIG` path list.
    ENVIRONMENT("fix the YAML, or remove the file from KUBECONFIG", "fix the file's permissions, or remove it from KUBECONFIG"),
    /// `~/.kube/config`.
    DEFAULT("fix the YAML or pass --kubeconfig", "fix the file's permissions or pass --kubeconfig"),
    /// Text handed over in-process (the demo simulator's own kubeconfig).
    TEXT("fix the kubeconfig text", "fix the kubeconfig text");

    private final String fixContent;
    private final String fixAccess;

    KubeconfigOrigin(String fixContent, String fixAccess) {
        this.fixContent = fixContent;
        this.fixAccess = fixAccess;
    }

    String fixContent() {
        return fixContent;
    }

    String fixAccess() {
        return fixAccess;
    }
}
