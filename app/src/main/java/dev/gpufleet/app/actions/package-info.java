/// Node operations as the console and the command line both do them: over a context's
/// [dev.gpufleet.connectors.actions.ClusterActions], each audited (intent before, outcome after)
/// and recorded as an Event on the node.
@NullMarked
package dev.gpufleet.app.actions;

import org.jspecify.annotations.NullMarked;
