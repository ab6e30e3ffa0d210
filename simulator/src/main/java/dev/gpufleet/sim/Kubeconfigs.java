package dev.gpufleet.sim;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/// Writes the kubeconfig YAML for the simulator by hand: the format is small and fixed, and the
/// simulator needs no YAML library for it.
final class Kubeconfigs {

    private Kubeconfigs() {
    }

    static String yaml(String server, String caPem, String token, String contextName) {
        String ca = Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.US_ASCII));
        String name = quote(contextName);
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    certificate-authority-data: %s
                    server: %s
                  name: %s
                contexts:
                - context:
                    cluster: %s
                    user: %s
                  name: %s
                current-context: %s
                preferences: {}
                users:
                - name: %s
                  user:
                    token: %s
                """.formatted(ca, server, name, name, name, name, name, name, token);
    }

    // Double-quoted YAML scalar, so any context name survives.
    private static String quote(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
