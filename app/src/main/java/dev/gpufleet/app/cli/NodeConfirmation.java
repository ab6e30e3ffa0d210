package dev.gpufleet.app.cli;

import java.io.Console;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/// `--yes` and `--confirm NODE` of the commands that change one node without draining it
/// (`cordon`, `uncordon`, `label`): on a context marked production the node must be named,
/// by `--confirm NODE` or typed at a prompt, as `drain` asks; `--yes` alone is refused there,
/// so a script written for a lab cannot change production. Elsewhere nothing is asked.
final class NodeConfirmation {

    @Option(names = "--yes", description = {"Do not ask for confirmation (for scripts). On a context marked production",
        "this is not enough: add --confirm NODE."})
    boolean yes;

    @Option(names = "--confirm", paramLabel = "NODE",
            description = "Confirm by naming the node, instead of typing it at the prompt (what production contexts need).")
    @Nullable String confirm;

    /// Throws a one-line [UserError] unless the change may go ahead; called before anything is
    /// asked of the cluster. `what` says the change for the prompt, e.g. `Cordon node n1`.
    void check(String verb, String context, boolean production, String node, String what) {
        if (confirm != null && !confirm.strip().equals(node)) {
            throw new UserError(verb + ": --confirm names '" + confirm.strip() + "' but the node to " + verb + " is '"
                    + node + "'; nothing was done.");
        }
        if (!production || confirm != null) {
            return;
        }
        if (yes) {
            throw new UserError(verb + ": context '" + context + "' is marked production, so --yes alone is not enough;"
                    + " add --confirm " + node + " to go ahead without a prompt. Nothing was done.");
        }
        Console console = System.console();
        if (console == null) {
            throw new UserError(verb + ": context '" + context + "' is marked production and there is no terminal to"
                    + " confirm on; add --yes --confirm " + node + " to go ahead. Nothing was done.");
        }
        String typed = console.readLine("%s in production context %s? Type the node's name to confirm: ", what, context);
        if (typed == null || !typed.strip().equals(node)) {
            throw new UserError(verb + ": not confirmed, nothing was done.", 1);
        }
    }
}
