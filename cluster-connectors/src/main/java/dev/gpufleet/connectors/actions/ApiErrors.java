package dev.gpufleet.connectors.actions;

/// What an API server's refusal of an action means and what to do about it.
final class ApiErrors {

    private ApiErrors() {
    }

    /// @param what       what was attempted, e.g. `Could not cordon node gpu-a-001`
    /// @param permission the verb and resource RBAC must allow, e.g. `patch nodes`
    static ActionException explain(int code, String said, String what, String permission, String context) {
        String server = said == null || said.isBlank() ? "" : ": " + said;
        String message = switch (code) {
            case 401 -> what + ": the API server rejected the credentials of context \"" + context + "\" (401" + server
                    + "). Log in again and retry.";
            case 403 -> what + ": you may not " + permission + " in context \"" + context + "\" (403 Forbidden" + server
                    + "). Ask a cluster admin for a role that allows " + permission + ".";
            case 404 -> what + ": it was not found (404" + server + "). It may have been deleted meanwhile.";
            case 409 -> what + ": it was changed by someone else meanwhile (409 Conflict" + server
                    + "). Nothing was written; look at its current state and retry.";
            case 422 -> what + ": the API server found the request invalid (422" + server + ").";
            case 429 -> what + ": the API server asked to slow down (429" + server + "). Retry in a few seconds.";
            default -> code >= 500
                    ? what + ": the API server failed (" + code + server + "). It may be overloaded; retry shortly."
                    : what + " (" + (code > 0 ? code + server : said) + ").";
        };
        return new ActionException(code, message);
    }
}
