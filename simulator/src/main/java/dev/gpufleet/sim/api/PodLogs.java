package dev.gpufleet.sim.api;

import dev.gpufleet.sim.cluster.PodRuns;
import dev.gpufleet.sim.cluster.SimulatedCluster;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ApiException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/// `GET .../pods/{name}/log`: a few plausible lines per kind of container, so `kubectl logs`
/// shows something sensible; a container that runs `nvidia-smi` prints what it prints on that
/// node's board (see [dev.gpufleet.sim.metrics.NvidiaSmi]). Logs of finished containers stay
/// readable, as on a real kubelet. `tailLines` is honoured; `follow` returns what there is and ends.
final class PodLogs {

    private final SimulatedCluster cluster;

    PodLogs(SimulatedCluster cluster) {
        this.cluster = cluster;
    }

    void handle(ApiRequest request, String namespace, String name) throws IOException {
        Pod pod = cluster.pods().require(namespace, name);
        Container container = pod.getSpec().getContainers().getFirst();
        String wanted = request.param("container");
        if (wanted != null && !wanted.equals(container.getName())) {
            throw ApiException.badRequest("container " + wanted + " is not valid for pod " + name);
        }
        String phase = pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase();
        if (!"Running".equals(phase) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            throw ApiException.badRequest("container \"" + container.getName() + "\" in pod \"" + name
                    + "\" is waiting to start: ContainerCreating");
        }
        Instant started = Instant.parse(pod.getStatus().getStartTime());
        String commandLine = PodRuns.commandLine(container);
        int node = pod.getSpec().getNodeName() == null ? -1 : cluster.fleet().nodeIndex(pod.getSpec().getNodeName());
        List<String> lines;
        if (commandLine.contains("nvidia-smi") && node >= 0) {
            lines = List.of(cluster.nvidiaSmi().run(commandLine, node).split("\n", -1));
        } else if (commandLine.contains("dcgmi") && node >= 0) {
            lines = List.of(cluster.dcgmi().run(commandLine, node).split("\n", -1));
        } else {
            lines = lines(container.getName(), started, cluster.clock().now());
        }
        if (!lines.isEmpty() && lines.getLast().isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        int tail = Integer.parseInt(request.param("tailLines", "-1"));
        if (tail >= 0 && tail < lines.size()) {
            lines = lines.subList(lines.size() - tail, lines.size());
        }
        Responses.text(request.exchange(), 200, "text/plain", lines.isEmpty() ? "" : String.join("\n", lines) + "\n");
    }

    private static List<String> lines(String container, Instant started, Instant now) {
        List<String> lines = new ArrayList<>();
        switch (container) {
            case "nvidia-dcgm-exporter" -> {
                for (String msg : new String[] {"Starting dcgm-exporter", "DCGM successfully initialized!",
                    "Collecting DCP Metrics", "Initializing system entities of type: GPU",
                    "Kubernetes metrics collection enabled!", "Starting webserver"}) {
                    lines.add("time=\"" + Times.time(started) + "\" level=info msg=\"" + msg + "\"");
                }
                lines.add("time=\"" + Times.time(started) + "\" level=info msg=\"Listening on\" address=\"[::]:9400\"");
            }
            case "pytorch" -> {
                long seconds = Math.max(60, now.getEpochSecond() - started.getEpochSecond());
                for (long step = Math.max(0, seconds / 2 - 900); step <= seconds / 2; step += 100) {
                    lines.add(String.format(Locale.ROOT, "[rank0] step %d | loss %.4f | lr 3.00e-04 | tokens/s 412%03d",
                            step, 1.2 + 3.0 / Math.sqrt(step + 10.0), step % 1000));
                }
            }
            case "vllm" -> {
                lines.add("INFO " + Times.time(started) + " api_server.py:  vLLM API server version 0.6.3");
                lines.add("INFO " + Times.time(started) + " gpu_executor.py: # GPU blocks: 27512, # CPU blocks: 2048");
                lines.add("INFO " + Times.time(now) + " metrics.py: Avg prompt throughput: 1843.2 tokens/s, "
                        + "Avg generation throughput: 612.7 tokens/s, Running: 24 reqs, GPU KV cache usage: 61.3%");
            }
            default -> lines.add(Times.time(started) + " " + container + " started");
        }
        return lines;
    }
}
