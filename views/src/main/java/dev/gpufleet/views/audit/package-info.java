/// The audit log viewer: every cluster-changing action gpufleet recorded, newest first.
@NullMarked
package dev.gpufleet.views.audit;

import org.jspecify.annotations.NullMarked;
