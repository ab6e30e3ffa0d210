package dev.gpufleet.sim.cluster;

import dev.gpufleet.sim.fleet.SimClock;
import dev.gpufleet.sim.objects.Times;
import dev.gpufleet.sim.store.ResourceStore;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/// The Job controller, for Jobs created through the API (DCGM diagnostics, for one): a new Job
/// gets one pod from its template (named `<job>-<suffix>`, labelled `job-name` and
/// `controller-uid`, owned by the Job), which [PodRuns] then runs; when the pod has
/// Succeeded or Failed the Job's status says so (`succeeded`/`failed`, a `Complete` or `Failed`
/// condition, `completionTime`). Deleting the Job deletes its pod, as foreground or background
/// propagation does.
public final class JobRuns {

    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private final SimClock clock;
    private final Map<String, String> podOfJob = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    JobRuns(SimClock clock) {
        this.clock = clock;
    }

    /// The pod the controller makes for `job`, ready to be admitted and stored.
    public Pod podFor(Job job) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName() + "-" + suffix(sequence.incrementAndGet());
        Map<String, String> labels = new HashMap<>();
        if (job.getSpec().getTemplate().getMetadata() != null
                && job.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(job.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put("job-name", job.getMetadata().getName());
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        labels.put("controller-uid", job.getMetadata().getUid());
        podOfJob.put(namespace + "/" + job.getMetadata().getName(), name);
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                        .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                        .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata().withSpec(job.getSpec().getTemplate().getSpec()).build();
    }

    /// The pod `job` made, if any: `namespace/name` of the Job → the pod's name.
    public String podOf(String namespace, String job) {
        return podOfJob.get(namespace + "/" + job);
    }

    /// Stops following a deleted Job; returns the name of the pod it made, if any, which the
    /// caller deletes.
    public @Nullable String forget(String namespace, String job) {
        return podOfJob.remove(namespace + "/" + job);
    }

    /// Brings each followed Job's status in line with its pod's phase.
    public void advance(ResourceStore<Job> jobs, ResourceStore<Pod> pods) {
        if (podOfJob.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> entry : List.copyOf(podOfJob.entrySet())) {
            String[] key = entry.getKey().split("/", 2);
            Job job = jobs.get(key[0], key[1]);
            Pod pod = pods.get(key[0], entry.getValue());
            if (job == null || pod == null || pod.getStatus() == null) {
                continue;
            }
            String phase = pod.getStatus().getPhase();
            boolean done = job.getStatus() != null && (nonZero(job.getStatus().getSucceeded())
                    || nonZero(job.getStatus().getFailed()));
            if (!done && ("Succeeded".equals(phase) || "Failed".equals(phase))) {
                jobs.update(key[0], key[1], current -> finished(current, "Succeeded".equals(phase), clock.now()));
            } else if (job.getStatus() == null || job.getStatus().getStartTime() == null) {
                jobs.update(key[0], key[1], current -> new JobBuilder(current).withNewStatus().withActive(1)
                        .withStartTime(Times.time(clock.now())).endStatus().build());
            }
        }
    }

    private static Job finished(Job job, boolean succeeded, Instant now) {
        String at = Times.time(now);
        String started = job.getStatus() == null || job.getStatus().getStartTime() == null ? at
                : job.getStatus().getStartTime();
        JobBuilder next = new JobBuilder(job);
        return next.withNewStatus().withStartTime(started).withActive(0)
                .withSucceeded(succeeded ? 1 : 0).withFailed(succeeded ? 0 : 1)
                .withCompletionTime(succeeded ? at : null)
                .withConditions(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed")
                        .withStatus("True").withLastProbeTime(at).withLastTransitionTime(at)
                        .withReason(succeeded ? null : "BackoffLimitExceeded")
                        .withMessage(succeeded ? null : "Job has reached the specified backoff limit").build())
                .endStatus().build();
    }

    private static boolean nonZero(Integer count) {
        return count != null && count > 0;
    }

    private static String suffix(int n) {
        StringBuilder out = new StringBuilder();
        int value = n * 7919 + 104729;
        for (int i = 0; i < 5; i++) {
            out.append(SUFFIX_ALPHABET.charAt(Math.floorMod(value, SUFFIX_ALPHABET.length())));
            value /= SUFFIX_ALPHABET.length();
        }
        return out.toString();
    }
}
