package io.opensop.engine.transfer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.opensop.engine.testing.EngineHarness;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link ImportCrashTest} kills: sets up a file database, starts committing a 3,000-row
 * import in batches of 500 and, in the middle of the third batch (rows written, not committed),
 * tells the parent and waits to be killed with SIGKILL.
 */
public final class ImportCrashChild {

    static final int ROWS = 3000;
    static final int KILL_AT_ROW = 1251;

    private ImportCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        HikariDataSource dataSource = fileDatabase(args[0]);
        EngineHarness harness = new EngineHarness(dataSource);
        TransferFixture fx = new TransferFixture(harness.engine);
        CountDownLatch never = new CountDownLatch(1);
        ImportService imports = harness.engine.imports().with(ImportSettings.DEFAULT.withBatchSize(500)
                .withObserver(new ImportObserver() {
                    @Override
                    public void rowSaved(long jobId, long rowNo) {
                        if (rowNo == KILL_AT_ROW) {
                            System.out.println("MID_BATCH " + jobId);
                            System.out.flush();
                            try {
                                never.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                }), harness.dsl);
        ImportJob job = imports.upload(fx.rep, "deal", "crash.csv", file(), null, "ref");
        imports.commit(fx.rep, "deal", job.id(), ImportMode.ALL_OR_NOTHING, "ref");
        System.out.println("NOT_KILLED");
    }

    static byte[] file() {
        StringBuilder csv = new StringBuilder("Reference,Name,Amount\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("K-").append(i).append(",Deal ").append(i).append(',').append(i).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    static HikariDataSource fileDatabase(String path) {
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a commit reaches the file before it returns, as the app configures it too.
        config.setJdbcUrl("jdbc:h2:file:" + path + ";FILE_LOCK=FS;WRITE_DELAY=0");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }
}
