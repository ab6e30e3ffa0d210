/// GPU telemetry read from a Prometheus-compatible query API (Prometheus, Thanos, Mimir,
/// VictoriaMetrics): one instant query per round for the whole cluster, interpreted with the
/// same dcgm-exporter conventions as a direct scrape, and range queries for history.
@NullMarked
package dev.gpufleet.connectors.prometheus;

import org.jspecify.annotations.NullMarked;
