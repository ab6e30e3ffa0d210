/// What a dcgm-exporter scrape says: physical GPUs, their MIG instances, the pods the exporter
/// attributes to them, and every `DCGM_FI_*` series, projected into core telemetry samples.
@NullMarked
package dev.gpufleet.connectors.dcgm;

import org.jspecify.annotations.NullMarked;
