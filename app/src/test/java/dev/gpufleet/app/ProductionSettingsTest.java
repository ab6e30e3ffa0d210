package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/// The stored production mark: the name decides until the user stores a choice, which then
/// wins either way and survives a restart next to the read-only switch; a mark that is not
/// true or false makes the file unreadable, as a wrong read-only mark does.
class ProductionSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theNameDecidesUntilAChoiceIsStored() {
        ContextSettings settings = ContextSettings.load(dir);

        assertThat(settings.isProduction("prod-east")).isTrue();
        assertThat(settings.isProduction("lab")).isFalse();
        assertThat(settings.productionStored("lab")).isFalse();
    }

    @Test
    void aStoredChoiceWinsEitherWayAndSurvivesARestart() throws Exception {
        ContextSettings settings = ContextSettings.load(dir);
        assertThat(settings.saveProduction("lab", true)).isEmpty();
        assertThat(settings.saveProduction("prod-east", false)).isEmpty();
        settings.saveReadOnly("lab", true);

        ContextSettings reloaded = ContextSettings.load(dir);

        assertThat(reloaded.problem()).isEmpty();
        assertThat(reloaded.isProduction("lab")).isTrue();
        assertThat(reloaded.isProduction("prod-east")).isFalse();
        assertThat(reloaded.isReadOnly("lab")).isTrue();
        assertThat(reloaded.productionStored("prod-east")).isTrue();
        assertThat(Files.readString(dir.resolve(ContextSettings.FILE_NAME)))
                .contains("\"production\" : true").contains("\"production\" : false");
    }

    @Test
    void aMarkThatIsNotABooleanIsAProblemNamingIt() throws Exception {
        Files.writeString(dir.resolve(ContextSettings.FILE_NAME),
                "{\"version\": 1, \"contexts\": {\"lab\": {\"production\": \"yes\"}}}");

        ContextSettings settings = ContextSettings.load(dir);

        assertThat(settings.problem()).get().asString().contains("\"production\" of context lab must be true or false");
        assertThat(settings.isProduction("lab")).isFalse();
    }
}
