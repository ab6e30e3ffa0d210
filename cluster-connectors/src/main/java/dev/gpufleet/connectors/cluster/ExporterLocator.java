package dev.gpufleet.connectors.cluster;

import java.util.List;

/// Says which dcgm-exporter pods to scrape this round, at most one per node.
@FunctionalInterface
public interface ExporterLocator {

    List<ExporterPod> exporters() throws Exception;
}
