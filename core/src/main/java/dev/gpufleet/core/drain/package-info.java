/// Draining a node, as data: what a drain would do to each pod ([DrainPlan], made by
/// [DrainPlanner] from [DrainCandidate]s and [DrainOptions]), and what it did ([DrainEvent],
/// [DrainReport]). The connectors execute it against a cluster; the views preview it.
@NullMarked
package dev.gpufleet.core.drain;

import org.jspecify.annotations.NullMarked;
