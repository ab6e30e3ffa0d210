package dev.gpufleet.connectors.actions;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/// What the context's user may do, asked with SelfSubjectAccessReviews (the API server's own
/// answer, as `kubectl auth can-i` gets it) and remembered for [#TTL], so a UI that offers
/// actions on every refresh does not ask again each time.
public final class Permissions {

    public static final Duration TTL = Duration.ofMinutes(2);

    /// One permission: `verb` on `resource`/`subresource` of API `group`, in `namespace` (empty:
    /// all namespaces, or a cluster-scoped resource).
    public record Permission(String verb, String group, String resource, String subresource, String namespace) {

        /// Cordon, uncordon, taint and label: patch on nodes.
        public static final Permission PATCH_NODES = new Permission("patch", "", "nodes", "", "");
        /// Drain: create on pods/eviction (in every namespace).
        public static final Permission EVICT_PODS = new Permission("create", "", "pods", "eviction", "");
        /// DCGM diagnostics: create on batch jobs.
        public static final Permission CREATE_JOBS = new Permission("create", "batch", "jobs", "", "");

        /// As people and RBAC rules say it: `patch nodes`, `create pods/eviction`, `create jobs.batch`.
        public String describe() {
            return verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource)
                    + (group.isEmpty() ? "" : "." + group) + (namespace.isEmpty() ? "" : " in namespace " + namespace);
        }
    }

    /// The answer: allowed or not, and the server's reason.
    public record Verdict(boolean allowed, String reason) {
    }

    private record Cached(Verdict verdict, Instant until) {
    }

    private final KubernetesClient client;
    private final Clock clock;
    private final Map<Permission, Cached> cache = new ConcurrentHashMap<>();

    public Permissions(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /// Whether the user may; asks the server at most once per [#TTL] per permission.
    public Verdict check(Permission permission) throws ActionException {
        Instant now = clock.instant();
        Cached cached = cache.get(permission);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.verdict();
        }
        Verdict verdict = ask(permission);
        cache.put(permission, new Cached(verdict, now.plus(TTL)));
        return verdict;
    }

    /// Forgets every answer (e.g. after the user switched credentials).
    public void forget() {
        cache.clear();
    }

    private Verdict ask(Permission permission) throws ActionException {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec()
                .withResourceAttributes(new ResourceAttributesBuilder().withVerb(permission.verb())
                        .withGroup(permission.group()).withResource(permission.resource())
                        .withSubresource(permission.subresource())
                        .withNamespace(permission.namespace()).build())
                .endSpec().build();
        try {
            SelfSubjectAccessReview answer = client.authorization().v1().selfSubjectAccessReview().create(review);
            boolean allowed = answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
            String reason = answer.getStatus() == null || answer.getStatus().getReason() == null ? ""
                    : answer.getStatus().getReason();
            return new Verdict(allowed, reason);
        } catch (KubernetesClientException failed) {
            throw ApiErrors.explain(failed.getCode(), failed.getMessage(), "Could not ask whether you may "
                    + permission.describe(), "create selfsubjectaccessreviews", "this context");
        }
    }
}
