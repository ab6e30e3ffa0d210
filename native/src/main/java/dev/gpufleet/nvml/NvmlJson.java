package dev.gpufleet.nvml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/// The JSON `gpufleet nvml --format json` prints: `available`, then either `reason` or the
/// library, versions, `devices[]` (NVML's own units: bytes, milliwatts, millijoules, MHz, °C)
/// and `topology[]`.
public final class NvmlJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .findAndRegisterModules();

    private NvmlJson() {
    }

    public static ObjectNode absent(NvmlAvailability.Absent absent) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("available", false);
        root.put("reason", absent.reason());
        return root;
    }

    public static ObjectNode present(String library, NvmlSnapshot snapshot) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("available", true);
        root.put("library", library);
        root.put("time", snapshot.time().toString());
        root.put("driverVersion", snapshot.driverVersion());
        root.put("nvmlVersion", snapshot.nvmlVersion());
        root.put("readMicros", snapshot.readNanos() / 1000);
        root.set("devices", MAPPER.valueToTree(snapshot.devices()));
        root.set("topology", MAPPER.valueToTree(snapshot.topology()));
        return root;
    }

    public static String pretty(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
