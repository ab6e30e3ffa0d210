package dev.gpufleet.sim.store;

import org.jspecify.annotations.Nullable;

/// A request the API server answers with a `Status` failure instead of an object, carrying
/// what a real API server would say: the HTTP code, the machine-readable reason and a message
/// for people.
public final class ApiException extends RuntimeException {

    private final int code;
    private final String reason;
    private final @Nullable String name;
    private final @Nullable ResourceType type;

    public ApiException(int code, String reason, String message) {
        this(code, reason, message, null, null);
    }

    private ApiException(int code, String reason, String message, @Nullable String name, @Nullable ResourceType type) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.name = name;
        this.type = type;
    }

    public static ApiException notFound(ResourceType type, String name) {
        return new ApiException(404, "NotFound", type.qualifiedPlural() + " \"" + name + "\" not found", name, type);
    }

    public static ApiException alreadyExists(ResourceType type, String name) {
        return new ApiException(409, "AlreadyExists", type.qualifiedPlural() + " \"" + name + "\" already exists",
                name, type);
    }

    public static ApiException conflict(ResourceType type, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedPlural() + " \""
                + name + "\": the object has been modified; please apply your changes to the latest version and try again",
                name, type);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "BadRequest", message);
    }

    public static ApiException invalid(ResourceType type, String name, String message) {
        return new ApiException(422, "Invalid", type.kind() + " \"" + name + "\" is invalid: " + message, name, type);
    }

    public static ApiException gone(String message) {
        return new ApiException(410, "Expired", message);
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /// The object's name for `details.name`, if the failure concerns one object.
    public @Nullable String objectName() {
        return name;
    }

    /// The resource for `details.kind`/`details.group`, if known.
    public @Nullable ResourceType type() {
        return type;
    }
}
