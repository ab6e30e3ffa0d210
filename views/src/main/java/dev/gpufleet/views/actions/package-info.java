/// Changing nodes from the console: the "Actions" menu (cordon, uncordon, taint, drain) for the
/// selected node or every node of the heatmap's multi-selection, offered only where RBAC allows,
/// and the drain dialog (preview, options, typed confirmation, per-pod progress, summary).
/// View models know no `Node`; the views bind and forward.
@NullMarked
package dev.gpufleet.views.actions;

import org.jspecify.annotations.NullMarked;
