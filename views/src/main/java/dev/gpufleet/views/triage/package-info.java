/// Triage in the console: a node's or one GPU's verdict, the evidence behind it, its XID
/// history, conditions, events and affected pods, from a [dev.gpufleet.views.triage.TriageSource].
@NullMarked
package dev.gpufleet.views.triage;

import org.jspecify.annotations.NullMarked;
