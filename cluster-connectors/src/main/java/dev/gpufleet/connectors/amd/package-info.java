/// What an AMD ROCm device-metrics-exporter scrape says, projected onto the same core
/// telemetry samples as dcgm-exporter's, so a mixed fleet shows in one heatmap; and the small
/// dispatcher that lets one exposition text hold either vendor's series.
@NullMarked
package dev.gpufleet.connectors.amd;

import org.jspecify.annotations.NullMarked;
