package dev.gpufleet.connectors.actions;

import dev.gpufleet.core.actions.DiagnosticProgress;
import dev.gpufleet.core.triage.DcgmDiagJson;
import dev.gpufleet.core.triage.DiagnosticReport;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs DCGM's diagnostics on one node: a Job pinned to the node runs `dcgmi diag -r N -j` in
/// NVIDIA's DCGM image (its own host engine started first), its pod's log is read as DCGM's JSON
/// report, and the Job is deleted with its pod whatever happened. The GPUs are not requested
/// (the device plugin would refuse while workloads hold them); the NVIDIA runtime exposes all of
/// them, which is why diagnostics belong on a drained node.
public final class DcgmDiagnostics {

    /// The DCGM image the diagnostic runs in.
    public static final String IMAGE = "nvcr.io/nvidia/cloud-native/dcgm:3.3.8-1-ubuntu22.04";
    static final Duration POLL = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(DcgmDiagnostics.class);

    private final KubernetesClient client;
    private final String context;
    private final String namespace;

    public DcgmDiagnostics(KubernetesClient client, String context, String namespace) {
        this.client = client;
        this.context = context;
        this.namespace = namespace;
    }

    /// Runs level `level` (1 quick … 4 extended) on `node` and waits at most `timeout`.
    public DiagnosticReport run(String node, int level, Duration timeout) throws ActionException, InterruptedException {
        return run(node, level, timeout, step -> { }, () -> false);
    }

    /// As the other, telling `progress` each step, and giving up (deleting the Job, throwing
    /// [CancellationException]) within [#POLL] once `cancelled` says so.
    public DiagnosticReport run(String node, int level, Duration timeout, Consumer<DiagnosticProgress> progress,
            BooleanSupplier cancelled) throws ActionException, InterruptedException {
        if (level < 1 || level > 4) {
            throw new IllegalArgumentException("DCGM diagnostic levels are 1 to 4, not " + level);
        }
        Job created = create(node, level, timeout);
        String name = created.getMetadata().getName();
        progress.accept(new DiagnosticProgress(DiagnosticProgress.Step.JOB_CREATED, namespace + "/" + name));
        try {
            Pod pod = awaitFinished(name, timeout, progress, cancelled);
            progress.accept(new DiagnosticProgress(DiagnosticProgress.Step.COLLECTING, pod.getMetadata().getName()));
            String log = logOf(pod);
            try {
                return DcgmDiagJson.parse(node, level, log);
            } catch (IllegalArgumentException unreadable) {
                throw new ActionException(0, "The DCGM diagnostic on node " + node + " did not report: "
                        + unreadable.getMessage() + ". Check the image " + IMAGE + " can run there (kubectl -n "
                        + namespace + " describe job " + name + ").");
            }
        } finally {
            delete(name);
        }
    }

    private Job create(String node, int level, Duration timeout) throws ActionException {
        Job job = new JobBuilder().withNewMetadata().withGenerateName("gpufleet-dcgm-diag-").withNamespace(namespace)
                .addToLabels("app.kubernetes.io/managed-by", "gpufleet").addToLabels("gpufleet.dev/purpose", "dcgm-diag")
                .endMetadata()
                .withNewSpec().withBackoffLimit(0).withTtlSecondsAfterFinished(600)
                .withActiveDeadlineSeconds(Math.max(30, timeout.toSeconds()))
                .withNewTemplate().withNewMetadata().addToLabels("gpufleet.dev/purpose", "dcgm-diag").endMetadata()
                .withNewSpec().withNodeName(node).withRestartPolicy("Never").withRuntimeClassName("nvidia")
                .addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName("dcgm-diag").withImage(IMAGE)
                .withCommand("sh", "-c", "nv-hostengine && dcgmi diag -r " + level + " -j")
                .addNewEnv().withName("NVIDIA_VISIBLE_DEVICES").withValue("all").endEnv()
                .withNewSecurityContext().withNewCapabilities().addToAdd("SYS_ADMIN").endCapabilities()
                .endSecurityContext()
                .endContainer().endSpec().endTemplate().endSpec().build();
        try {
            return client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getStatus() == null ? failed.getMessage()
                    : failed.getStatus().getMessage(), "Could not start the DCGM diagnostic on node " + node,
                    "create jobs.batch in namespace " + namespace, context);
        }
    }

    private Pod awaitFinished(String job, Duration timeout, Consumer<DiagnosticProgress> progress,
            BooleanSupplier cancelled) throws ActionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String told = null;
        while (System.nanoTime() < deadline) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("The DCGM diagnostic (job " + namespace + "/" + job + ") was cancelled;"
                        + " its Job is deleted.");
            }
            Pod pod = podOf(job);
            String phase = pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
            if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
                return pod;
            }
            if (phase != null && !phase.equals(told) && ("Pending".equals(phase) || "Running".equals(phase))) {
                told = phase;
                progress.accept(new DiagnosticProgress("Running".equals(phase) ? DiagnosticProgress.Step.POD_RUNNING
                        : DiagnosticProgress.Step.POD_PENDING, pod.getMetadata().getName()));
            }
            Thread.sleep(POLL);
        }
        throw new ActionException(0, "The DCGM diagnostic (job " + namespace + "/" + job + ") did not finish within "
                + timeout.toSeconds() + " s. Higher levels take minutes; raise the timeout, or look at the job with"
                + " kubectl -n " + namespace + " describe job " + job + ".");
    }

    private @Nullable Pod podOf(String job) {
        try {
            List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
            return pods.isEmpty() ? null : pods.getFirst();
        } catch (KubernetesClientException transientProblem) {
            return null;
        }
    }

    private String logOf(Pod pod) throws ActionException {
        try {
            return client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).getLog();
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(), "Could not read the DCGM diagnostic's output",
                    "get pods/log in namespace " + namespace, context);
        }
    }

    private void delete(String job) {
        try {
            client.batch().v1().jobs().inNamespace(namespace).withName(job)
                    .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        } catch (KubernetesClientException failed) {
            LOG.warn("The DCGM diagnostic job {}/{} could not be deleted ({}); delete it with kubectl -n {} delete job {}",
                    namespace, job, failed.getMessage(), namespace, job);
        }
    }
}
