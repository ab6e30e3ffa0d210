package dev.gpufleet.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/// One `matchExpressions` (or `matchFields`) entry of a required node-affinity term.
///
/// Malformed requirements match no node, the safe reading for a planner: `In` without values,
/// `Gt`/`Lt` whose value or label is not an integer. The key [#FIELD_NODE_NAME] stands for
/// `matchFields` on `metadata.name` (how DaemonSets pin their pods) and is compared with the
/// node's name instead of a label.
public record NodeSelectorRequirement(String key, Operator operator, List<String> values) {

    /// The only field `matchFields` supports.
    public static final String FIELD_NODE_NAME = "metadata.name";

    /// The operators of a node selector requirement.
    public enum Operator {
        IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT;

        /// The API's spelling (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`).
        public static Operator of(String operator) {
            return switch (operator) {
                case "In" -> IN;
                case "NotIn" -> NOT_IN;
                case "Exists" -> EXISTS;
                case "DoesNotExist" -> DOES_NOT_EXIST;
                case "Gt" -> GT;
                case "Lt" -> LT;
                default -> throw new IllegalArgumentException("Unknown node selector operator '" + operator
                        + "': Kubernetes knows In, NotIn, Exists, DoesNotExist, Gt and Lt");
            };
        }
    }

    public NodeSelectorRequirement {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
    }

    public boolean matches(String nodeName, Map<String, String> labels) {
        String actual = key.equals(FIELD_NODE_NAME) ? nodeName : labels.get(key);
        return switch (operator) {
            case IN -> actual != null && values.contains(actual);
            case NOT_IN -> actual == null || !values.contains(actual);
            case EXISTS -> actual != null;
            case DOES_NOT_EXIST -> actual == null;
            case GT, LT -> compares(actual);
        };
    }

    private boolean compares(String actual) {
        if (actual == null || values.size() != 1) {
            return false;
        }
        try {
            long label = Long.parseLong(actual.trim());
            long bound = Long.parseLong(values.getFirst().trim());
            return operator == Operator.GT ? label > bound : label < bound;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    @Override
    public String toString() {
        return key + " " + operator + (values.isEmpty() ? "" : " " + values);
    }
}
