package dev.gpufleet.connectors.actions;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Leaves a Kubernetes Event on a node saying what gpufleet did there and for whom, so the
/// cluster's own history (`kubectl describe node`, `kubectl get events`) shows it next to the
/// kubelet's and the scheduler's. Best effort: an Event that cannot be written is logged, and
/// never fails the action it describes (the local audit log is the record of truth).
public final class ActionEvents {

    /// The Events' `reportingController` and `source.component`.
    public static final String REPORTER = "gpufleet.dev/console";
    private static final Logger LOG = LoggerFactory.getLogger(ActionEvents.class);

    private final KubernetesClient client;
    private final String user;
    private final Clock clock;

    public ActionEvents(KubernetesClient client, String user, Clock clock) {
        this.client = client;
        this.user = user;
        this.clock = clock;
    }

    /// Records `action` (e.g. `Drain`) on `node` with `message`; `warning` for actions that
    /// disrupt workloads. Returns whether the Event was written.
    public boolean record(String node, String action, String reason, String message, boolean warning) {
        Instant now = clock.instant();
        String stamp = Long.toHexString(now.toEpochMilli()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Event event = new EventBuilder()
                .withNewMetadata().withName(node + "." + stamp).withNamespace("default").endMetadata()
                .withNewInvolvedObject().withKind("Node").withName(node).withApiVersion("v1").withUid(node).endInvolvedObject()
                .withReason(reason)
                .withMessage(message + " (by " + user + " with gpufleet)")
                .withType(warning ? "Warning" : "Normal")
                .withAction(action)
                .withReportingComponent(REPORTER)
                .withReportingInstance(REPORTER + "/" + user)
                .withNewSource().withComponent(REPORTER).endSource()
                .withFirstTimestamp(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .withLastTimestamp(DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS)))
                .withEventTime(new MicroTime(DateTimeFormatter.ISO_INSTANT.format(now)))
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace("default").resource(event).create();
            return true;
        } catch (KubernetesClientException failed) {
            LOG.warn("Could not leave an Event on node {} for {} ({}): {}", node, action.toLowerCase(Locale.ROOT),
                    failed.getCode(), failed.getMessage());
            return false;
        }
    }
}
