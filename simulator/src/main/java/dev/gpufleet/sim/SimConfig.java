package dev.gpufleet.sim;

import java.util.Objects;
import java.util.regex.Pattern;

/// How big the simulated fleet is, which seed shapes it and where its API server listens.
///
/// The constructor rejects nonsense with a message that names the setting and its range, so a
/// command line can print it as is.
///
/// @param nodes        GPU nodes in the fleet, 1 to [#MAX_NODES]
/// @param gpusPerNode  GPUs per node, 1 to [#MAX_GPUS_PER_NODE]
/// @param seed         shapes everything: the same seed gives the same fleet and telemetry
/// @param port         TCP port of the API server; 0 picks a free one
/// @param bindAddress  numeric IP address the API server binds to, `127.0.0.1` by default
/// @param amdNodes     AMD Instinct MI300X nodes added after the NVIDIA ones, 0 (the default) to
///                     [#MAX_NODES] less `nodes`; they have `gpusPerNode` cards each
/// @param pods         pods in all, 0 (the default) for the fleet's own mix; more than that adds
///                     CPU-only agent DaemonSets (node exporter, log shipper, CNI...) up to it
public record SimConfig(int nodes, int gpusPerNode, long seed, int port, String bindAddress, int amdNodes,
        int pods) {

    /// Largest fleet the simulator accepts.
    public static final int MAX_NODES = 20_000;
    /// Most GPUs one simulated node can have.
    public static final int MAX_GPUS_PER_NODE = 16;
    /// Most pods the simulator serves.
    public static final int MAX_PODS = 1_000_000;
    public static final int DEFAULT_NODES = 64;
    public static final int DEFAULT_GPUS_PER_NODE = 8;
    public static final long DEFAULT_SEED = 42;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    public SimConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new IllegalArgumentException(
                    "nodes must be between 1 and " + MAX_NODES + ", got " + nodes);
        }
        if (amdNodes < 0 || amdNodes > MAX_NODES - nodes) {
            throw new IllegalArgumentException("AMD nodes must be between 0 and " + (MAX_NODES - nodes)
                    + " (at most " + MAX_NODES + " nodes in all), got " + amdNodes);
        }
        if (gpusPerNode < 1 || gpusPerNode > MAX_GPUS_PER_NODE) {
            throw new IllegalArgumentException(
                    "gpus per node must be between 1 and " + MAX_GPUS_PER_NODE + ", got " + gpusPerNode);
        }
        if (pods < 0 || pods > MAX_PODS) {
            throw new IllegalArgumentException("pods must be between 0 (the fleet's own mix) and " + MAX_PODS
                    + ", got " + pods);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(
                    "port must be between 0 (any free port) and 65535, got " + port);
        }
        if (!isIpLiteral(bindAddress)) {
            throw new IllegalArgumentException("bind address must be a numeric IP address such as "
                    + DEFAULT_BIND_ADDRESS + ", got '" + bindAddress + "'");
        }
    }

    /// A fleet of NVIDIA and AMD nodes with its own mix of pods.
    public SimConfig(int nodes, int gpusPerNode, long seed, int port, String bindAddress, int amdNodes) {
        this(nodes, gpusPerNode, seed, port, bindAddress, amdNodes, 0);
    }

    /// A fleet of NVIDIA nodes only.
    public SimConfig(int nodes, int gpusPerNode, long seed, int port, String bindAddress) {
        this(nodes, gpusPerNode, seed, port, bindAddress, 0);
    }

    /// 64 NVIDIA nodes of 8 GPUs, no AMD nodes, seed 42, any free port on 127.0.0.1.
    public static SimConfig defaults() {
        return new SimConfig(DEFAULT_NODES, DEFAULT_GPUS_PER_NODE, DEFAULT_SEED, 0, DEFAULT_BIND_ADDRESS);
    }

    /// Every node of the fleet, NVIDIA and AMD.
    public int totalNodes() {
        return nodes + amdNodes;
    }

    public SimConfig withNodes(int newNodes) {
        return new SimConfig(newNodes, gpusPerNode, seed, port, bindAddress, amdNodes, pods);
    }

    public SimConfig withGpusPerNode(int newGpusPerNode) {
        return new SimConfig(nodes, newGpusPerNode, seed, port, bindAddress, amdNodes, pods);
    }

    public SimConfig withSeed(long newSeed) {
        return new SimConfig(nodes, gpusPerNode, newSeed, port, bindAddress, amdNodes, pods);
    }

    public SimConfig withPort(int newPort) {
        return new SimConfig(nodes, gpusPerNode, seed, newPort, bindAddress, amdNodes, pods);
    }

    public SimConfig withBindAddress(String newBindAddress) {
        return new SimConfig(nodes, gpusPerNode, seed, port, newBindAddress, amdNodes, pods);
    }

    public SimConfig withAmdNodes(int newAmdNodes) {
        return new SimConfig(nodes, gpusPerNode, seed, port, bindAddress, newAmdNodes, pods);
    }

    public SimConfig withPods(int newPods) {
        return new SimConfig(nodes, gpusPerNode, seed, port, bindAddress, amdNodes, newPods);
    }

    private static boolean isIpLiteral(String address) {
        var m = IPV4.matcher(address);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        return IPV6.matcher(address).matches();
    }
}
