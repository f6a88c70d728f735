package io.opensop.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine is a plain library: no web, no servlet, no UI, and it never reaches into the runtime. */
class ArchitectureTest {

    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.opensop.engine");

    @Test
    void theEngineUsesNoWebOrUiFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.boot..", "jakarta.servlet..",
                        "javax.servlet..", "com.vaadin..")
                .check(engine);
    }

    @Test
    void theEngineNeverDependsOnTheApplicationAroundIt() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.opensop.runtime..", "io.opensop.designer..")
                .check(engine);
    }

    @Test
    void theFormModelDependsOnNoStorage() {
        noClasses().that().resideInAPackage("io.opensop.engine.form..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "org.springframework..",
                        "io.opensop.engine.record..", "io.opensop.engine.metadata..")
                .check(engine);
    }
}
