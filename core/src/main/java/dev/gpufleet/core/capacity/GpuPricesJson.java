package dev.gpufleet.core.capacity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/// Reads `gpu-prices.json`: one JSON object of model keys and dollars per GPU-hour, e.g.
/// `{"H100": 2.49, "A100": 1.10, "default": 1.50}`. Keys it names replace the placeholders of
/// [GpuPrices#defaults()]; the others stay. Errors name the file, the line and the key.
public final class GpuPricesJson {

    /// The file's name in the settings directory.
    public static final String FILE_NAME = "gpu-prices.json";

    private static final JsonFactory JSON = new JsonFactory();

    private GpuPricesJson() {
    }

    /// The prices in `file` over the defaults, or the defaults when there is no such file.
    ///
    /// @throws IOException              when the file exists but cannot be read
    /// @throws IllegalArgumentException when it holds no valid prices; the message names the
    ///                                  file, the line and the fix
    public static GpuPrices load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException missing) {
            return GpuPrices.defaults();
        }
        return GpuPrices.defaults().with(parse(text, file.toString()));
    }

    /// The prices `json` names; `where` names the source in error messages.
    public static Map<String, Double> parse(String json, String where) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw problem(where, parser, "must hold one JSON object of model → dollars per GPU-hour, "
                        + "e.g. {\"H100\": 2.49, \"default\": 1.50}");
            }
            Map<String, Double> prices = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.isBlank()) {
                    throw problem(where, parser, "an empty model key; name a model such as \"H100\"");
                }
                if (value == null || !value.isNumeric() || !(parser.getDoubleValue() >= 0)
                        || Double.isInfinite(parser.getDoubleValue())) {
                    throw problem(where, parser, "the price of '" + key
                            + "' must be a number of dollars per GPU-hour of 0 or more, e.g. 2.49");
                }
                prices.put(key, parser.getDoubleValue());
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw problem(where, parser, "must hold one JSON object and nothing after it");
            }
            return prices;
        } catch (StreamReadException e) {
            throw new IllegalArgumentException(where + ": line " + e.getLocation().getLineNr()
                    + ": not valid JSON (" + e.getOriginalMessage() + "); fix it or delete the file to use the defaults");
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    private static IllegalArgumentException problem(String where, JsonParser parser, String what) {
        return new IllegalArgumentException(where + ": line " + parser.currentLocation().getLineNr() + ": " + what);
    }
}
