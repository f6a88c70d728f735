package io.opensop.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The curl walkthroughs in examples/api/ run with bash against the demo app on 127.0.0.1, as an ops
 * person would run them against the README's demo: each must exit 0 and print what it promises.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:walkthrough;DB_CLOSE_DELAY=-1",
        "opensop.demo.enabled=true"})
class ApiWalkthroughTest {

    private static final Path SCRIPTS = Path.of("..", "examples", "api");

    @LocalServerPort
    private int port;

    private String run(String script) throws IOException, InterruptedException {
        Path file = SCRIPTS.resolve(script);
        assertThat(file).exists();
        Path output = Files.createTempFile("walkthrough", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put("OPENSOP_URL", "http://127.0.0.1:" + port);
            Process process = builder.start();
            boolean finished = process.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly();
            }
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(finished).as("%s finished; it printed:%n%s", script, printed).isTrue();
            assertThat(process.exitValue()).as("%s exit code; it printed:%n%s", script, printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    @Test
    void signingInWithBasicAuthListsTheFormsAndAWrongPasswordIsRefused() throws Exception {
        assertThat(run("01-sign-in.sh")).contains("may use the lead form", "HTTP 401", "signed in: ok");
    }

    @Test
    void installingTheSalesTemplateAgainChangesNothing() throws Exception {
        assertThat(run("02-install-template.sh")).contains("sales-crm", "already installed: nothing changed");
    }

    @Test
    void aRepCreatesANumberedLeadAndABadOneIsRefusedNamingTheField() throws Exception {
        assertThat(run("03-create-lead.sh")).containsPattern("number: XS-\\d{6}-\\d{4}").contains("HTTP 422");
    }

    @Test
    void anOpportunityMovesToTheDemoStageAndTheQuoteGatesHoldItBack() throws Exception {
        assertThat(run("04-move-opportunity.sh")).contains("stage: demo", "gate_unmet");
    }

    @Test
    void aContractGoesThroughManagerLegalAndFinanceApproval() throws Exception {
        assertThat(run("05-complete-approval.sh")).contains("\"by\":\"finance\"", "approved");
    }

    @Test
    void aCsvImportCreatesTheValidRowsAndReportsTheBadOne() throws Exception {
        assertThat(run("06-import-csv.sh")).contains("created: 2, failed: 1");
    }

    @Test
    void aManagerExportsLeadsAsCsvAndAnAdminExportsTheAppAsAPackage() throws Exception {
        assertThat(run("07-export.sh")).contains("starts with PK");
    }
}
