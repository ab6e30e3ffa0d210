/// The rebalance screen: plan pod moves for one cluster (defrag, evacuate, spread), read them
/// as a list with their expected effect and risk, compare the allocation before and after on two
/// heatmaps, and apply the plan through eviction with progress, pause, resume and cancel.
@NullMarked
package dev.gpufleet.views.rebalance;

import org.jspecify.annotations.NullMarked;
