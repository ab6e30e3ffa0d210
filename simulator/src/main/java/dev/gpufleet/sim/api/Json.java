package dev.gpufleet.sim.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/// The one JSON mapper of the API server. Jackson 3, because the fabric8 8 model classes carry
/// Jackson 3 (de)serializer annotations (e.g. for `Quantity` and `IntOrString`).
public final class Json {

    /// Null fields are left out, as Go's `omitempty` does; items are not flushed one by one so
    /// a streamed list goes out in large chunks.
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }
}
