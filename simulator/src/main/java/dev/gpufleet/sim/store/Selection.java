package dev.gpufleet.sim.store;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/// A label selector and a field selector together, with a cheap pre-check that lets a store
/// skip building objects that cannot match.
///
/// @param labels the label selector
/// @param fields the field selector
public record Selection(LabelSelector labels, FieldSelector fields) {

    public static Selection everything() {
        return new Selection(LabelSelector.everything(), FieldSelector.everything());
    }

    public boolean isEverything() {
        return labels.isEverything() && fields.isEverything();
    }

    /// True when the source can tell, without building object `index`, that it does not match.
    public boolean rejectsCheaply(ObjectSource<?> source, int index) {
        for (FieldSelector.Term term : fields.terms()) {
            String value = source.cheapField(index, term.field());
            if (value != null && !term.matches(value)) {
                return true;
            }
        }
        if (!labels.isEverything()) {
            Map<String, String> cheap = source.cheapLabels(index);
            return cheap != null && !labels.matches(cheap);
        }
        return false;
    }

    public boolean matches(HasMetadata object) {
        for (FieldSelector.Term term : fields.terms()) {
            if (!term.matches(Fields.value(object, term.field()))) {
                return false;
            }
        }
        Map<String, String> objectLabels = object.getMetadata().getLabels();
        return labels.matches(objectLabels == null ? Map.of() : objectLabels);
    }
}
