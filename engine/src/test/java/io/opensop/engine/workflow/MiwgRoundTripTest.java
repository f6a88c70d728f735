package io.opensop.engine.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.error.Problem;
import io.opensop.engine.error.ValidationException;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.testing.TestDatabases;
import io.opensop.engine.testing.WorkflowHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 21 OMG BPMN MIWG reference models: each imports, exports again without losing an element,
 * attribute or diagram shape, and publishes. Executable ones deploy when they are valid for
 * Camunda and for our rules; when not, the refusal names elements of the model. Non-executable
 * ones are stored as a version but not deployed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MiwgRoundTripTest {

    private static final Path CORPUS = Path.of("/work/shared/conformance/bpmn-miwg");

    private final Actor admin = EngineHarness.admin();
    private HikariDataSource dataSource;
    private WorkflowHarness harness;
    private ProcessModelService models;

    @BeforeAll
    void start() {
        dataSource = TestDatabases.h2();
        harness = new WorkflowHarness(dataSource);
        models = harness.workflow.models();
    }

    @AfterAll
    void stop() {
        harness.close();
        dataSource.close();
    }

    static Stream<Path> referenceModels() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bpmn")).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHasAllTwentyOneModels() throws IOException {
        assertThat(referenceModels()).hasSize(21);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceModels")
    void everyReferenceModelImportsAndExportsWithoutLosingAnything(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        String originalText = BpmnXml.read(original).text();
        String key = "miwg_" + file.getFileName().toString().replace(".bpmn", "");

        models.importModel(admin, key, original);
        String exported = models.xml(admin, key, null);

        XmlComparator.Difference difference = XmlComparator.compare(originalText, exported);
        assertThat(difference.none()).as(difference::toString).isTrue();
        assertThat(XmlComparator.elementCount(exported)).isGreaterThan(50);
        assertThat(BpmnXml.bytes(exported)).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceModels")
    void everyReferenceModelPublishesOrIsRefusedNamingItsElements(Path file) throws IOException {
        byte[] original = Files.readAllBytes(file);
        String key = "pub_" + file.getFileName().toString().replace(".bpmn", "");
        models.importModel(admin, key, original);
        List<String> executable = ModelRules.executableProcessIds(BpmnXml.read(original).model());

        if (executable.isEmpty()) {
            ProcessVersion version = models.publish(admin, key);
            assertThat(version.deployed()).isFalse();
            assertThat(version.note()).isEqualTo(ProcessVersion.NOT_EXECUTABLE);
            XmlComparator.Difference difference = XmlComparator.compare(BpmnXml.read(original).text(),
                    models.xml(admin, key, 1));
            assertThat(difference.none()).as(difference::toString).isTrue();
            return;
        }
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> models.publish(admin, key));
        if (refused == null) {
            ProcessVersion version = models.publish(admin, key);
            assertThat(version.deployed()).isTrue();
            for (String processKey : executable) {
                assertThat(harness.camunda.getRepositoryService().createProcessDefinitionQuery()
                        .processDefinitionKey(processKey).count()).isPositive();
            }
            System.out.println(file.getFileName() + ": deployed " + executable);
        } else {
            String text = new String(original, java.nio.charset.StandardCharsets.ISO_8859_1);
            for (Problem problem : refused.problems()) {
                assertThat(text).as("problem %s names an element of the model", problem)
                        .contains("id=\"" + problem.field() + "\"");
            }
            assertThat(models.versions(admin, key)).isEmpty();
            System.out.println(file.getFileName() + ": refused " + refused.problems());
        }
    }
}
