package dev.gpufleet.app;

import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/// The module rules of DESIGN.md, checked on the compiled classes of every module.
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importAll() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.gpufleet");
    }

    @Test
    void everyModuleIsOnTheClasspath() {
        for (String pkg : new String[] {"core", "connectors", "sim", "views", "app", "nvml"}) {
            assertThat(classes.containPackage("dev.gpufleet." + pkg))
                    .as("classes of dev.gpufleet.%s imported", pkg).isTrue();
        }
    }

    @Test
    void coreKnowsNoGuiNoKubernetesClientAndNoHttp() {
        noClasses().that().resideInAPackage("dev.gpufleet.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "io.fabric8..", "java.net.http..", "com.sun.net.httpserver..",
                        "dev.gpufleet.connectors..", "dev.gpufleet.views..", "dev.gpufleet.sim..",
                        "dev.gpufleet.app..")
                .check(classes);
    }

    @Test
    void viewsKnowNoKubernetesClientAndNoConnectors() {
        noClasses().that().resideInAPackage("dev.gpufleet.views..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.fabric8..", "dev.gpufleet.connectors..", "dev.gpufleet.sim..", "dev.gpufleet.app..")
                .check(classes);
    }

    @Test
    void connectorsKnowNoGui() {
        noClasses().that().resideInAPackage("dev.gpufleet.connectors..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "dev.gpufleet.views..", "dev.gpufleet.app..")
                .check(classes);
    }

    @Test
    void nativeBindingKnowsOnlyCore() {
        noClasses().that().resideInAPackage("dev.gpufleet.nvml..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "io.fabric8..", "dev.gpufleet.connectors..", "dev.gpufleet.views..",
                        "dev.gpufleet.sim..", "dev.gpufleet.app..")
                .check(classes);
    }

    @Test
    void simulatorEmitsWireFormatsWithoutTheConsolesModel() {
        noClasses().that().resideInAPackage("dev.gpufleet.sim..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "javafx..", "dev.gpufleet.core..", "dev.gpufleet.connectors..",
                        "dev.gpufleet.views..", "dev.gpufleet.app..")
                .check(classes);
    }

    @Test
    void onlyTheCommandLinePrintsToStandardStreams() {
        noClasses().that().resideOutsideOfPackage("dev.gpufleet.app.cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .check(classes);
    }

    @Test
    void loggingGoesThroughSlf4j() {
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(classes);
    }
}
