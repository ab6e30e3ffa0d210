/// Rebalancing a fleet, as data: which pods to move where so that pending GPU jobs fit
/// ([Goal#DEFRAG]), degraded nodes empty ([Goal#EVACUATE]) or hot nodes cool ([Goal#SPREAD]).
/// [RebalancePlanner] is pure: from a [RebalanceInput] and [RebalanceOptions] it makes a
/// deterministic [RebalancePlan] of ordered [Move]s with their [Risk] and the expected [Effect].
/// [NodeFit] is the scheduler's node filter as the planner applies it, reusable by others.
@NullMarked
package dev.gpufleet.core.rebalance;

import org.jspecify.annotations.NullMarked;
