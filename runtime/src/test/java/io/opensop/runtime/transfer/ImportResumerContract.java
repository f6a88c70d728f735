package io.opensop.runtime.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.EngineServices;
import io.opensop.engine.form.FormJson;
import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import io.opensop.engine.transfer.ImportJob;
import io.opensop.engine.transfer.ImportMode;
import io.opensop.engine.transfer.ImportObserver;
import io.opensop.engine.transfer.ImportService;
import io.opensop.engine.transfer.ImportSettings;
import io.opensop.engine.transfer.ImportStatus;
import io.opensop.engine.user.NewUser;
import io.opensop.engine.user.UserAccount;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The resumer on a real database: a commit that died mid-batch (the batch rolled back, the job left
 * {@code committing}) is resumed only once it is stale, by exactly one node, as the user who started
 * it, and ends with every row exactly once.
 */
abstract class ImportResumerContract {

    private static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private HikariDataSource dataSource;
    private EngineHarness harness;
    private ImportService imports;
    private Actor starter;
    private final List<ThreadPoolTaskExecutor> pools = new java.util.ArrayList<>();

    protected abstract HikariDataSource newDatabase();

    @BeforeEach
    void setUp() {
        dataSource = newDatabase();
        harness = new EngineHarness(dataSource);
        EngineServices engine = harness.engine;
        Actor admin = EngineHarness.admin();
        UserAccount account = engine.users().create(new NewUser("resume_rep", "{noop}x", "Resume Rep", null, "en",
                "Asia/Shanghai", null, null, null, Set.of("sales_rep")));
        starter = new Actor(account.id(), account.username(), account.roles(), Locale.ENGLISH,
                ZoneId.of("Asia/Shanghai"));
        engine.forms().create(admin, FormJson.read("""
                {"key":"visit","label":{"en":"Visit"},
                 "fields":[{"key":"code","type":"text","label":{"en":"Code"}},
                           {"key":"note","type":"text","label":{"en":"Note"}}],
                 "permissions":{"create":["sales_rep"],"read":["sales_rep"],"update":["sales_rep"]}}
                """));
        engine.forms().publish(admin, "visit", false);
        imports = engine.imports();
    }

    @AfterEach
    void tearDown() {
        pools.forEach(ThreadPoolTaskExecutor::shutdown);
        dataSource.close();
    }

    /** A commit with batches of 2 that dies on file row 5, in the second batch; batch one (rows 2–3) stays. */
    private ImportJob crashedImport() {
        StringBuilder csv = new StringBuilder("code,note\n");
        for (int i = 1; i <= 6; i++) {
            csv.append("V").append(i).append(",visit ").append(i).append('\n');
        }
        ImportService crashing = imports.with(ImportSettings.DEFAULT.withBatchSize(2).withObserver(new ImportObserver() {
            @Override
            public void rowSaved(long jobId, long rowNo) {
                if (rowNo == 5) {
                    throw new SimulatedCrash();
                }
            }
        }), harness.dsl);
        ImportJob job = crashing.upload(starter, "visit", "visits.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                null, null);
        long id = job.id();
        assertThatThrownBy(() -> crashing.commit(starter, "visit", id, ImportMode.VALID_ROWS_ONLY, null))
                .isInstanceOf(SimulatedCrash.class);
        ImportJob interrupted = imports.job(starter, "visit", id);
        assertThat(interrupted.status()).isEqualTo(ImportStatus.COMMITTING);
        assertThat(interrupted.lastCommittedRow()).isEqualTo(3);
        return interrupted;
    }

    private ImportTasks newNode() {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        pool.setCorePoolSize(1);
        pool.setMaxPoolSize(1);
        pool.setQueueCapacity(4);
        pool.initialize();
        pools.add(pool);
        return new ImportTasks(pool);
    }

    private ImportResumer resumer(ImportTasks tasks, boolean enabled) {
        return new ImportResumer(imports, tasks, harness.clock, STALE_AFTER, enabled);
    }

    private List<String> codes() {
        return harness.engine.records().list(starter, "visit", RecordQuery.firstPage(100)).items().stream()
                .map(FormRecord::values).map(v -> (String) v.get("code")).toList();
    }

    @Test
    void anInterruptedImportIsLeftAloneUntilItIsStaleThenResumedToTheEndWithEveryRowOnce() throws Exception {
        ImportJob job = crashedImport();
        ImportTasks tasks = newNode();
        ImportResumer resumer = resumer(tasks, true);

        harness.clock.advance(STALE_AFTER.minusSeconds(1));
        assertThat(resumer.resumeStale()).as("it may still be running elsewhere").isZero();
        assertThat(imports.job(starter, "visit", job.id()).status()).isEqualTo(ImportStatus.COMMITTING);

        harness.clock.advance(Duration.ofSeconds(2));
        assertThat(resumer.resumeStale()).isEqualTo(1);
        tasks.await(job.id(), Duration.ofSeconds(60));

        ImportJob done = imports.job(starter, "visit", job.id());
        assertThat(done.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(done.createdBy()).isEqualTo("resume_rep");
        assertThat(codes()).containsExactlyInAnyOrder("V1", "V2", "V3", "V4", "V5", "V6");
        assertThat(resumer.resumeStale()).as("nothing left to resume").isZero();
    }

    @Test
    void twoNodesSeeingTheSameStaleImportResumeItOnlyOnce() throws Exception {
        ImportJob job = crashedImport();
        harness.clock.advance(STALE_AFTER.plusSeconds(1));
        ImportJob seen = imports.interrupted().stream().filter(j -> j.id() == job.id()).findFirst().orElseThrow();

        assertThat(imports.claimInterrupted(seen)).isTrue();
        assertThat(imports.claimInterrupted(seen)).as("the second node's compare-and-set fails").isFalse();

        // the claim refreshed the job, so neither node's resumer takes it until it is stale again
        ImportTasks first = newNode();
        ImportTasks second = newNode();
        assertThat(resumer(first, true).resumeStale() + resumer(second, true).resumeStale()).isZero();
        harness.clock.advance(STALE_AFTER.plusSeconds(1));
        assertThat(resumer(first, true).resumeStale() + resumer(second, true).resumeStale()).isEqualTo(1);
        first.await(job.id(), Duration.ofSeconds(60));
        second.await(job.id(), Duration.ofSeconds(60));
        assertThat(codes()).hasSize(6).doesNotHaveDuplicates();
    }

    @Test
    void anImportWhoseUserIsDisabledOrAResumerSwitchedOffResumesNothing() {
        ImportJob job = crashedImport();
        harness.clock.advance(STALE_AFTER.plusSeconds(1));
        assertThat(resumer(newNode(), false).resumeStale()).isZero();

        // no engine API disables a user yet; an administrator would do it in the user table
        harness.dsl.execute("update app_user set enabled = ? where id = ?", false, starter.userId());
        assertThat(resumer(newNode(), true).resumeStale()).isZero();
        assertThat(imports.interrupted()).extracting(ImportJob::id).containsExactly(job.id());
        assertThat(codes()).containsExactlyInAnyOrder("V1", "V2");
    }

    /** Stands for the process dying: an Error, which the engine does not turn into a failed job. */
    private static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }
}
