package dev.gpufleet.sim.table;

/// A `meta.k8s.io/v1` Table column definition.
///
/// @param name        header text (kubectl upper-cases it)
/// @param type        `string`, `integer`, `date`, ...
/// @param format      `name` for the name column, else empty
/// @param description what the column shows
/// @param priority    0 for default columns, 1 for `-o wide` only
public record Column(String name, String type, String format, String description, int priority) {

    public static Column nameColumn() {
        return new Column("Name", "string", "name",
                "Name must be unique within a namespace. Is required when creating resources, although some "
                        + "resources may allow a client to request the generation of an appropriate name automatically.",
                0);
    }

    public static Column age() {
        return new Column("Age", "string", "",
                "CreationTimestamp is a timestamp representing the server time when this object was created.", 0);
    }

    public static Column string(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    public static Column integer(String name, String description) {
        return new Column(name, "integer", "", description, 0);
    }

    public static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }
}
