package dev.gpufleet.core.actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/// One change to a node's labels in `kubectl label`'s syntax: `key=value` sets (or overwrites)
/// the label, `key-` removes it. Keys and values are checked as the API server checks them
/// (an optional DNS-subdomain prefix and `/`, a name of at most 63 characters; a value of at
/// most 63), and a wrong one is refused with a message naming the part that is wrong.
///
/// @param value the new value; `null` removes the label
public record LabelEdit(String key, @Nullable String value) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int NAME_MAX = 63;
    private static final int PREFIX_MAX = 253;

    public LabelEdit {
        Objects.requireNonNull(key, "key");
        String problem = keyProblem(key);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (value != null) {
            String wrongValue = valueProblem(key, value);
            if (wrongValue != null) {
                throw new IllegalArgumentException(wrongValue);
            }
        }
    }

    /// Reads `key=value` or `key-`; throws [IllegalArgumentException] saying what is wrong.
    public static LabelEdit parse(String text) {
        String edit = text.strip();
        int equals = edit.indexOf('=');
        if (equals >= 0) {
            return new LabelEdit(edit.substring(0, equals), edit.substring(equals + 1));
        }
        if (edit.endsWith("-") && edit.length() > 1) {
            return new LabelEdit(edit.substring(0, edit.length() - 1), null);
        }
        throw new IllegalArgumentException("\"" + edit + "\" is neither key=value (to set a label) nor key- (to remove"
                + " one), as kubectl label writes them");
    }

    /// Reads edits separated by spaces or commas (`team=ml zone-`); duplicates of a key are refused.
    public static List<LabelEdit> parseAll(String text) {
        List<LabelEdit> edits = new ArrayList<>();
        for (String part : text.strip().split("[\\s,]+")) {
            if (part.isEmpty()) {
                continue;
            }
            LabelEdit edit = parse(part);
            if (edits.stream().anyMatch(other -> other.key().equals(edit.key()))) {
                throw new IllegalArgumentException("label key \"" + edit.key() + "\" is given twice");
            }
            edits.add(edit);
        }
        if (edits.isEmpty()) {
            throw new IllegalArgumentException("no label given: write key=value to set one, key- to remove one");
        }
        return List.copyOf(edits);
    }

    /// Whether this removes the label.
    public boolean removes() {
        return value == null;
    }

    /// As kubectl writes it: `key=value` or `key-`.
    @Override
    public String toString() {
        return value == null ? key + "-" : key + "=" + value;
    }

    private static @Nullable String keyProblem(String key) {
        if (key.isEmpty()) {
            return "the label key is empty";
        }
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            String wrong = prefixProblem(prefix);
            if (wrong != null) {
                return "the prefix \"" + prefix + "\" of label key \"" + key + "\" " + wrong;
            }
        }
        String wrong = nameProblem(name);
        return wrong == null ? null : "the name \"" + name + "\" of label key \"" + key + "\" " + wrong;
    }

    private static @Nullable String valueProblem(String key, String value) {
        if (value.isEmpty()) {
            return null;
        }
        String wrong = nameProblem(value);
        return wrong == null ? null : "the value \"" + value + "\" of label " + key + " " + wrong;
    }

    private static @Nullable String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > NAME_MAX) {
            return "is " + name.length() + " characters long; at most " + NAME_MAX + " are allowed";
        }
        if (!NAME.matcher(name).matches()) {
            return "must use only letters, digits, '-', '_' and '.', and begin and end with a letter or digit";
        }
        return null;
    }

    private static @Nullable String prefixProblem(String prefix) {
        if (prefix.isEmpty()) {
            return "is empty (write name or prefix/name)";
        }
        if (prefix.length() > PREFIX_MAX) {
            return "is " + prefix.length() + " characters long; at most " + PREFIX_MAX + " are allowed";
        }
        for (String part : prefix.split("\\.", -1)) {
            if (part.isEmpty() || part.length() > NAME_MAX || !DNS_LABEL.matcher(part).matches()) {
                return "must be a DNS subdomain: lower-case letters, digits and '-' in dot-separated parts"
                        + " (e.g. example.com)";
            }
        }
        return null;
    }
}
