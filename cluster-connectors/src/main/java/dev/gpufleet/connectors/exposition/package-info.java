/// A parser for the Prometheus text exposition format 0.0.4, as real exporters print it.
///
/// It reads bytes (no String per line), interns label names and values, never throws on
/// input, and reports each line it could not read with its 1-based line number.
@NullMarked
package dev.gpufleet.connectors.exposition;

import org.jspecify.annotations.NullMarked;
