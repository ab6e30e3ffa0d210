package dev.gpufleet.connectors.actions;

import java.time.Duration;
import java.util.OptionalInt;

/// One policy/v1 Eviction, and what the API server said to it.
final class PodEviction {

    private final KubeRequests requests;
    private final String context;

    PodEviction(KubeRequests requests, String context) {
        this.requests = requests;
        this.context = context;
    }

    /// What became of an eviction request.
    sealed interface Result {
        /// Accepted (200/201): the pod's graceful deletion has begun (or would, in a dry run).
        record Accepted() implements Result {
        }

        /// 429: a PodDisruptionBudget allows no disruption now; `reason` names it.
        record Blocked(String reason) implements Result {
        }

        /// The API server cannot take it now (429 throttling, 5xx): try again after `retryAfter`
        /// (zero when the server named no wait); `why` says what it answered.
        record Busy(String why, Duration retryAfter) implements Result {
        }

        /// 404: the pod is already gone.
        record Gone() implements Result {
        }

        /// Anything else; `problem` says what and what to do.
        record Refused(ActionException problem) implements Result {
        }
    }

    Result evict(String namespace, String name, OptionalInt gracePeriodSeconds, boolean dryRun)
            throws ActionException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"")
                .append(json(name)).append("\",\"namespace\":\"").append(json(namespace)).append("\"}");
        if (gracePeriodSeconds.isPresent() || dryRun) {
            body.append(",\"deleteOptions\":{");
            if (gracePeriodSeconds.isPresent()) {
                body.append("\"gracePeriodSeconds\":").append(gracePeriodSeconds.getAsInt()).append(dryRun ? "," : "");
            }
            if (dryRun) {
                body.append("\"dryRun\":[\"All\"]");
            }
            body.append('}');
        }
        body.append('}');
        String path = "api/v1/namespaces/" + KubeRequests.encode(namespace) + "/pods/" + KubeRequests.encode(name)
                + "/eviction" + (dryRun ? "?dryRun=All" : "");
        KubeRequests.Answer answer = requests.post(path, body.toString());
        if (answer.ok()) {
            return new Result.Accepted();
        }
        return switch (answer.code()) {
            case 429 -> answer.budgetRefusal() ? new Result.Blocked(answer.message())
                    : new Result.Busy("the API server is throttling requests (429: " + answer.message() + ")",
                            answer.retryAfter());
            case 404 -> new Result.Gone();
            default -> answer.code() >= 500
                    ? new Result.Busy("the API server failed (" + answer.code() + ": " + answer.message() + ")",
                            answer.retryAfter())
                    : new Result.Refused(ApiErrors.explain(answer.code(), answer.message(),
                    "Could not evict pod " + namespace + "/" + name, "create pods/eviction in namespace " + namespace,
                    context));
        };
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
