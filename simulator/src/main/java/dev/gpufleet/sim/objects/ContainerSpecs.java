package dev.gpufleet.sim.objects;

import dev.gpufleet.sim.fleet.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// The main container of a workload's pods (image, ports, resources) and the tolerations its
/// pods carry; shared by pods and their controllers' templates so they agree.
public final class ContainerSpecs {

    /// The port dcgm-exporter serves `/metrics` on, named `metrics`.
    public static final int DCGM_EXPORTER_PORT = 9400;
    /// The port the AMD device-metrics-exporter serves `/metrics` on, named `exporter-port`.
    public static final int AMD_EXPORTER_PORT = 5000;
    /// The AMD exporter's container, as the AMD GPU Operator names it.
    public static final String AMD_EXPORTER_CONTAINER = "metrics-exporter-container";

    private ContainerSpecs() {
    }

    public static Container container(Workload w) {
        ContainerBuilder container = new ContainerBuilder()
                .withName(w.container()).withImage(w.image()).withImagePullPolicy("IfNotPresent")
                .withArgs(args(w)).withEnv(env(w)).withPorts(ports(w)).withResources(resources(w))
                .withTerminationMessagePath("/dev/termination-log").withTerminationMessagePolicy("File");
        if (w.kind() == dev.gpufleet.sim.fleet.WorkloadKind.NOTEBOOK) {
            container.addNewVolumeMount().withName(SHM_VOLUME).withMountPath("/dev/shm").endVolumeMount();
        }
        return container.build();
    }

    /// The name of a notebook's shared-memory volume.
    public static final String SHM_VOLUME = "dshm";

    /// A workload's pod volumes: notebooks mount a memory-backed `emptyDir` at `/dev/shm` (as
    /// PyTorch's DataLoader workers need), which a drain must be allowed to lose.
    public static List<io.fabric8.kubernetes.api.model.Volume> volumes(Workload w) {
        if (w.kind() != dev.gpufleet.sim.fleet.WorkloadKind.NOTEBOOK) {
            return List.of();
        }
        return List.of(new io.fabric8.kubernetes.api.model.VolumeBuilder().withName(SHM_VOLUME)
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new io.fabric8.kubernetes.api.model.Quantity("16Gi"))
                .endEmptyDir().build());
    }

    private static List<String> args(Workload w) {
        return switch (w.container()) {
            case "pytorch" -> List.of("torchrun", "--nnodes=" + w.replicas(), "--nproc-per-node=" + w.gpusPerPod(),
                    "train.py", "--config=/configs/" + w.name() + ".yaml");
            case "vllm" -> List.of("--model=/models/" + w.name().substring(5), "--tensor-parallel-size="
                    + w.gpusPerPod(), "--port=8000");
            case "triton" -> List.of("tritonserver", "--model-repository=/models");
            default -> List.of();
        };
    }

    private static List<EnvVar> env(Workload w) {
        if (w.container().equals(AMD_EXPORTER_CONTAINER)) {
            return List.of(nodeName("DS_NODE_NAME"),
                    new EnvVar("METRICS_EXPORTER_PORT", Integer.toString(AMD_EXPORTER_PORT), null),
                    new EnvVar("AMD_EXPORTER_RELAXED_FLAGS_PARSING", "true", null));
        }
        if (!w.container().equals("nvidia-dcgm-exporter")) {
            return List.of();
        }
        return List.of(
                new EnvVar("DCGM_EXPORTER_LISTEN", ":" + DCGM_EXPORTER_PORT, null),
                new EnvVar("DCGM_EXPORTER_KUBERNETES", "true", null),
                new EnvVar("DCGM_EXPORTER_COLLECTORS", "/etc/dcgm-exporter/dcp-metrics-included.csv", null),
                nodeName("NODE_NAME"));
    }

    private static EnvVar nodeName(String variable) {
        return new EnvVarBuilder().withName(variable).withNewValueFrom().withNewFieldRef()
                .withApiVersion("v1").withFieldPath("spec.nodeName").endFieldRef().endValueFrom().build();
    }

    private static List<ContainerPort> ports(Workload w) {
        return switch (w.container()) {
            case "nvidia-dcgm-exporter" -> List.of(port("metrics", DCGM_EXPORTER_PORT));
            case AMD_EXPORTER_CONTAINER -> List.of(port("exporter-port", AMD_EXPORTER_PORT));
            case "vllm" -> List.of(port("http", 8000));
            case "triton" -> List.of(port("http", 8000), port("grpc", 8001), port("metrics", 8002));
            case "notebook" -> List.of(port("notebook-port", 8888));
            case "coredns" -> List.of(port("dns-tcp", 53), port("metrics", 9153));
            default -> List.of();
        };
    }

    private static ContainerPort port(String name, int number) {
        ContainerPort port = new ContainerPort();
        port.setName(name);
        port.setContainerPort(number);
        port.setProtocol("TCP");
        return port;
    }

    private static ResourceRequirements resources(Workload w) {
        Map<String, Quantity> requests = new TreeMap<>();
        Map<String, Quantity> limits = new TreeMap<>();
        String gpu = w.gpuResource();
        int n = w.gpusPerPod();
        switch (w.kind()) {
            case TRAINING -> both(requests, limits, 12 * n + "", 120 * n + "Gi");
            case INFERENCE -> {
                requests.put("cpu", new Quantity(w.migProfile() == null ? 6 * n + "" : "2"));
                requests.put("memory", new Quantity(w.migProfile() == null ? 48 * n + "Gi" : "16Gi"));
                limits.put("memory", new Quantity(w.migProfile() == null ? 64 * n + "Gi" : "16Gi"));
            }
            case NOTEBOOK -> {
                requests.put("cpu", new Quantity("4"));
                requests.put("memory", new Quantity("32Gi"));
                limits.put("memory", new Quantity("64Gi"));
            }
            case DAEMON, SYSTEM -> {
                requests.put("cpu", new Quantity("100m"));
                requests.put("memory", new Quantity("128Mi"));
                limits.put("memory", new Quantity("512Mi"));
            }
        }
        if (gpu != null) {
            requests.put(gpu, new Quantity(Integer.toString(n)));
            limits.put(gpu, new Quantity(Integer.toString(n)));
        }
        ResourceRequirements r = new ResourceRequirements();
        r.setRequests(requests);
        r.setLimits(limits);
        return r;
    }

    private static void both(Map<String, Quantity> requests, Map<String, Quantity> limits, String cpu, String memory) {
        requests.put("cpu", new Quantity(cpu));
        requests.put("memory", new Quantity(memory));
        limits.put("cpu", new Quantity(cpu));
        limits.put("memory", new Quantity(memory));
    }

    /// Tolerations as the admission chain leaves them: the GPU taint (for GPU and GPU-operator
    /// pods) plus the default not-ready/unreachable ones, or everything for DaemonSet pods.
    public static List<Toleration> tolerations(Workload w) {
        List<Toleration> tolerations = new ArrayList<>();
        if (w.kind() == dev.gpufleet.sim.fleet.WorkloadKind.DAEMON) {
            tolerations.add(new Toleration(null, null, "Exists", null, null));
            for (String t : new String[] {"not-ready", "unreachable"}) {
                tolerations.add(new Toleration("NoExecute", "node.kubernetes.io/" + t, "Exists", null, null));
            }
            for (String t : new String[] {"disk-pressure", "memory-pressure", "pid-pressure", "unschedulable"}) {
                tolerations.add(new Toleration("NoSchedule", "node.kubernetes.io/" + t, "Exists", null, null));
            }
            return tolerations;
        }
        tolerations.add(new Toleration("NoSchedule", w.amd() ? "amd.com/gpu" : "nvidia.com/gpu", "Exists", null, null));
        tolerations.add(new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null));
        tolerations.add(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null));
        return tolerations;
    }
}
