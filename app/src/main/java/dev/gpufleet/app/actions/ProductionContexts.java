package dev.gpufleet.app.actions;

import java.util.Locale;
import java.util.regex.Pattern;

/// Which contexts count as production when the user stored no choice for them (the cluster
/// list's context menu stores one, see `ContextSettings`): those whose
/// name has `prod`, `production` or `prd` as a word (`prod-east`, `gke_acme_prod`, `eu.prd.1`).
/// The demo fleet never does.
public final class ProductionContexts {

    private static final Pattern WORD = Pattern.compile("(^|[-_.:/@])(prod|production|prd)([-_.:/@0-9]|$)");

    private ProductionContexts() {
    }

    public static boolean byName(String context) {
        return WORD.matcher(context.toLowerCase(Locale.ROOT)).find();
    }
}
