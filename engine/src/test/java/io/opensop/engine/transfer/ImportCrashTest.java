package io.opensop.engine.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a separate JVM commits an import into an H2 file database and is killed with
 * SIGKILL (destroyForcibly) in the middle of a batch. Afterwards the database holds exactly the
 * committed batches, the job knows the last committed row, and resuming completes the import
 * without losing or duplicating a row.
 */
class ImportCrashTest {

    @TempDir
    Path dir;

    @Test
    void killedMidBatchThenResumedLosesAndDuplicatesNothing() throws Exception {
        String db = dir.resolve("crash").toAbsolutePath().toString();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ImportCrashChild.class.getName(), db).redirectErrorStream(false).start();
        long jobId;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("MID_BATCH"));
            assertThat(line).as("the child reached the middle of batch 3").isNotNull();
            jobId = Long.parseLong(line.substring("MID_BATCH ".length()).trim());
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        try (HikariDataSource dataSource = ImportCrashChild.fileDatabase(db)) {
            EngineHarness harness = new EngineHarness(dataSource);
            ImportService imports = harness.engine.imports();
            ImportJob job = imports.interrupted().stream().filter(j -> j.id() == jobId).findFirst().orElseThrow();
            assertThat(job.status()).isEqualTo(ImportStatus.COMMITTING);
            assertThat(job.lastCommittedRow()).isEqualTo(1001); // header is row 1; two batches of 500
            assertThat(job.rowsCreated()).isEqualTo(1000);
            Actor rep = imports.starter(job).orElseThrow();
            assertThat(refs(harness, rep)).hasSize(1000);

            job = imports.resume(rep, "deal", jobId);
            assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);
            assertThat(job.rowsCreated()).isEqualTo(ImportCrashChild.ROWS);
            List<String> refs = refs(harness, rep);
            assertThat(refs).hasSize(ImportCrashChild.ROWS);
            assertThat(new HashSet<>(refs)).hasSize(ImportCrashChild.ROWS);

            // running the whole file again changes nothing
            ImportJob again = imports.upload(rep, "deal", "crash.csv", ImportCrashChild.file(), null, "ref");
            again = imports.commit(rep, "deal", again.id(), ImportMode.ALL_OR_NOTHING, "ref");
            assertThat(again.rowsCreated()).isZero();
            assertThat(again.rowsUnchanged()).isEqualTo(ImportCrashChild.ROWS);
            assertThat(refs(harness, rep)).hasSize(ImportCrashChild.ROWS);
        }
    }

    private static List<String> refs(EngineHarness harness, Actor actor) {
        List<String> refs = new java.util.ArrayList<>();
        String after = null;
        do {
            var page = harness.engine.records().list(actor, "deal", new RecordQuery(List.of(), List.of(), 500, after,
                    false, false));
            for (FormRecord r : page.items()) {
                refs.add((String) r.values().get("ref"));
            }
            after = page.next();
        } while (after != null);
        return refs;
    }

}
