/// The console's port for changing nodes: plan and run a drain, cordon, uncordon, taint and
/// untaint, and ask beforehand whether the user may. Plain interfaces over the [dev.gpufleet.core.drain]
/// data; the app implements them over a cluster client, with the audit log and node Events.
@NullMarked
package dev.gpufleet.core.actions;

import org.jspecify.annotations.NullMarked;
