package dev.gpufleet.app.cli;

import dev.gpufleet.sim.Scenario;
import dev.gpufleet.sim.SimConfig;
import dev.gpufleet.sim.SimulatorServer;
import dev.gpufleet.sim.faults.FaultSwitch;
import dev.gpufleet.sim.faults.ExporterFaults;
import dev.gpufleet.sim.cluster.ChurnRate;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/// `gpufleet sim`: the simulated fleet as a standalone Kubernetes API server, until interrupted.
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the simulated GPU fleet: a Kubernetes API server on loopback with a "
                + "dcgm-exporter per NVIDIA node (and, with --amd-nodes, an AMD device-metrics-exporter per "
                + "MI300X node), until interrupted (Ctrl+C)."})
public final class SimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "" + SimConfig.DEFAULT_NODES,
            description = "GPU nodes (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "" + SimConfig.DEFAULT_GPUS_PER_NODE,
            description = "GPUs per node (default: ${DEFAULT-VALUE}).")
    int gpusPerNode;

    @Option(names = "--amd-nodes", paramLabel = "N", defaultValue = "0",
            description = {"AMD Instinct MI300X nodes added to the NVIDIA ones (default: ${DEFAULT-VALUE}).",
                "Most run SPX; with 2 or more the last runs CPX/NPS4 (8 GPUs per card), with 4 or more the one "
                        + "before DPX, with 6 or more the one before that QPX."})
    int amdNodes;

    @Option(names = "--pods", paramLabel = "N", defaultValue = "0",
            description = {"Pods in all: CPU-only agent DaemonSets (node-exporter, fluent-bit, calico-node...) are",
                "added beside the GPU workloads up to N, e.g. --nodes 12500 --pods 200000 (default: the fleet's own",
                "mix, about 10 pods per node)."})
    int pods;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + SimConfig.DEFAULT_SEED,
            description = "Seed: the same seed gives the same fleet (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scenario", paramLabel = "NAME", defaultValue = "default",
            description = {"default (the mixed fleet) or fragmented (H100 nodes with scattered 1-2 GPU pods,",
                "Pending 8-GPU Jobs, two degraded nodes, a packing scheduler: the rebalance reference;",
                "use it with --nodes 16). Default: ${DEFAULT-VALUE}."})
    String scenario;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "Port of the API server on 127.0.0.1 (default: any free port).")
    int port;

    @Option(names = "--kubeconfig-out", paramLabel = "FILE",
            description = "Write a kubeconfig for the simulator here once it answers.")
    @Nullable Path kubeconfigOut;

    @Option(names = "--context-name", paramLabel = "NAME", defaultValue = "gpufleet-sim",
            description = "Context name in the written kubeconfig (default: ${DEFAULT-VALUE}).")
    String contextName;

    @Option(names = "--fault", paramLabel = "NAME[=PARAM]",
            description = {"Start with an API server fault switched on (repeatable): throttle[=FRACTION] (429 with "
                    + "Retry-After), watch-503, slow[=DURATION], drop[=FRACTION] (connections reset), "
                    + "watch-expiry[=PERIOD] (410 Gone on open watches, every PERIOD), restart[=DOWN].",
                "Switch faults at runtime with POST /gpufleet-sim/v1/faults {\"on\":[\"throttle=0.5\"],"
                    + "\"off\":[\"all\"]} as the admin user."})
    List<String> faults = new ArrayList<>();

    @Option(names = "--exporter-fault", paramLabel = "FAULT[:FRACTION]",
            description = {"Make exporters misbehave from the start, to rehearse bad days: 500 (answer 500 Internal",
                "Server Error), timeout (hang for 60 s) or truncated (cut the text mid-line), optionally on a",
                "fraction of the nodes spread over the fleet, e.g. 500:0.05 (default: all nodes)."})
    @Nullable String exporterFault;

    @Option(names = "--churn", arity = "0..1", fallbackValue = "1", paramLabel = "FACTOR",
            description = {"Keep the fleet changing: GPU Jobs come and go, pods are deleted and replaced, nodes fail "
                + "and return, nodes are cordoned and uncordoned. FACTOR speeds it up (default 1: a round every 2 s)."})
    @Nullable Double churn;

    @Override
    public Integer call() throws InterruptedException {
        SimConfig config = config();
        List<FaultSwitch> switches = faultSwitches();
        ExporterFaults.@Nullable Spec fault = exporterFault();
        ChurnRate churnRate = churnRate();
        SimulatorServer server = start(config, scenario());
        switches.forEach(server.apiFaults()::set);
        if (churnRate != null) {
            server.startChurn(churnRate);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sim-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String amd = config.amdNodes() == 0 ? ""
                : String.format(" + %d AMD MI300X nodes x %d GPUs", config.amdNodes(), config.gpusPerNode());
        out.printf("Simulated fleet: %d nodes x %d GPUs%s, %d pods (seed %d, scenario %s) at %s%n",
                config.nodes(), config.gpusPerNode(), amd, server.podCount(), config.seed(), scenario(),
                server.baseUri());
        if (kubeconfigOut != null) {
            writeKubeconfig(server, kubeconfigOut);
            out.printf("Kubeconfig: %s (context %s)%nTry: kubectl --kubeconfig %s get nodes%n",
                    kubeconfigOut, contextName, kubeconfigOut);
        } else {
            out.println("Pass --kubeconfig-out FILE to get a kubeconfig for kubectl and gpufleet.");
        }
        if (!switches.isEmpty()) {
            out.printf("API faults on: %s (switch at %s/gpufleet-sim/v1/faults)%n", switches, server.baseUri());
        }
        if (fault != null) {
            int[] failing = server.exporterFaults().apply(fault);
            out.printf("Exporter fault %s on %d of %d nodes, e.g. %s%n", fault.fault().flag(), failing.length,
                    server.exporterFaults().nodeCount(), server.exporterFaults().nodeName(failing[0]));
        }
        if (churnRate != null) {
            out.printf("Churn: a round every %d ms (Jobs, pod deletions, node failures, cordons)%n",
                    churnRate.tick().toMillis());
        }
        out.println("Press Ctrl+C to stop.");
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    private @Nullable ChurnRate churnRate() {
        try {
            return churn == null ? null : ChurnRate.defaults().faster(churn);
        } catch (IllegalArgumentException e) {
            throw new UserError("sim: --churn: " + e.getMessage() + ".");
        }
    }

    private SimConfig config() {
        try {
            return new SimConfig(nodes, gpusPerNode, seed, port, SimConfig.DEFAULT_BIND_ADDRESS, amdNodes, pods);
        } catch (IllegalArgumentException e) {
            throw new UserError("sim: " + e.getMessage());
        }
    }

    private List<FaultSwitch> faultSwitches() {
        List<FaultSwitch> switches = new ArrayList<>();
        for (String fault : faults) {
            try {
                switches.add(FaultSwitch.parse(fault));
            } catch (IllegalArgumentException e) {
                throw new UserError("sim: --fault " + fault + ": " + e.getMessage() + ".");
            }
        }
        return switches;
    }

    private ExporterFaults.@Nullable Spec exporterFault() {
        if (exporterFault == null) {
            return null;
        }
        try {
            return ExporterFaults.Spec.parse(exporterFault);
        } catch (IllegalArgumentException e) {
            throw new UserError("sim: --exporter-fault: " + e.getMessage() + ".");
        }
    }

    private Scenario scenario() {
        try {
            Scenario parsed = Scenario.parse(scenario);
            if (parsed == Scenario.FRAGMENTED && amdNodes > 0) {
                throw new UserError("sim: the fragmented scenario has no AMD nodes; leave out --amd-nodes.");
            }
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new UserError("sim: --scenario: " + e.getMessage() + ".");
        }
    }

    private static SimulatorServer start(SimConfig config, Scenario scenario) {
        try {
            return SimulatorServer.start(config, scenario);
        } catch (IllegalArgumentException e) {
            throw new UserError("sim: --" + e.getMessage() + ". Lower --pods or add --nodes.");
        } catch (IOException e) {
            if (e instanceof BindException) {
                throw new UserError("sim: port " + config.port() + " on " + config.bindAddress()
                        + " is in use. Pick another with --port, or leave it out to take any free port.");
            }
            throw new UserError("sim: the API server could not start: " + e.getMessage());
        }
    }

    private void writeKubeconfig(SimulatorServer server, Path file) {
        try {
            server.writeKubeconfig(file, contextName);
        } catch (IOException e) {
            server.close();
            throw new UserError("sim: cannot write the kubeconfig to " + file + ": " + e.getMessage()
                    + ". Check that the folder exists and is writable.");
        }
    }
}
