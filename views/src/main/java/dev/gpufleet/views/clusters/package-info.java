/// The list of clusters the console can show: kubeconfig contexts and the demo fleet, each
/// connected or not.
@NullMarked
package dev.gpufleet.views.clusters;

import org.jspecify.annotations.NullMarked;
