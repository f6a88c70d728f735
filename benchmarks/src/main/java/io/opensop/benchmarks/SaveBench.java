package io.opensop.benchmarks;

import io.opensop.engine.record.FormRecord;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Record saves through {@code RecordService.create} (role check, strict coercion, 10 formula fields, 5
 * rules, row + revision in one transaction, the saved row read back) against a raw JDBC insert of the
 * same row into the same table, one row per transaction (unbatched) and 100 rows per batch and
 * transaction (batched). Same JVM, same database, same row shape, run one after the other.
 */
final class SaveBench {

    static final int BATCH = 100;

    private SaveBench() {
    }

    static void run(Db db, BenchConfig cfg, Results results) throws Exception {
        EngineHarness h = db.harness;
        h.engine.forms().create(EngineHarness.admin(), BenchForms.deal());
        h.engine.forms().publish(EngineHarness.admin(), "bench_deal", false);
        PublishedForm form = h.engine.forms().current("bench_deal").orElseThrow();
        Actor rep = new Actor(null, "rep1", Set.of("sales_rep"), Locale.SIMPLIFIED_CHINESE, EngineHarness.SHANGHAI);
        RecordService records = h.engine.records();

        // the raw insert writes exactly what the engine stored for the same input
        FormRecord sample = records.create(rep, "bench_deal", input(0));
        Map<String, Object> stored = new LinkedHashMap<>(sample.values());
        stored.values().removeIf(v -> v == null);
        RawRows raw = new RawRows(form, new ArrayList<>(stored.keySet()));

        for (int threads : new int[] {1, 4}) {
            double engine = measure(cfg, threads, (t, n) -> records.create(rep, "bench_deal", input(n)));
            double unbatched = measureJdbc(cfg, threads, db, raw, stored, false);
            double batched = measureJdbc(cfg, threads, db, raw, stored, true);
            String th = String.valueOf(threads);
            results.add("save", "engine RecordService.create", db.name, th, engine, "rows/s", null);
            results.add("save", "raw JDBC insert, 1 row per transaction", db.name, th, unbatched, "rows/s", null);
            results.add("save", "raw JDBC insert, batches of " + BATCH, db.name, th, batched, "rows/s", null);
            results.add("save", "ratio engine / raw unbatched", db.name, th, engine / unbatched, "×", null);
            results.add("save", "ratio engine / raw batched", db.name, th, engine / batched, "×", null);
            results.goal("engine save ≥ 0.5× raw insert (" + db.name + ", " + threads + " thread" + (threads > 1 ? "s" : "")
                            + ")",
                    String.format("%.2f× unbatched, %.2f× batched", engine / unbatched, engine / batched),
                    engine / unbatched >= 0.5);
        }
    }

    static Map<String, Object> input(long n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", "Deal " + n);
        v.put("region", BenchForms.REGIONS[(int) (n & 3)]);
        v.put("amount", BigDecimal.valueOf(1_000_00L + (n * 7919L) % 200_000_00L, 2));
        v.put("payment_days", (int) (n % 91));
        v.put("quantity", (int) (1 + n % 20));
        v.put("unit_price", BigDecimal.valueOf(500_00L + (n * 31L) % 10_000_00L, 2));
        v.put("discount", new BigDecimal("0.05"));
        v.put("signed_on", "2026-03-02");
        v.put("note", "benchmark");
        return v;
    }

    interface Op {
        void run(int thread, long n) throws Exception;
    }

    /** Warm up, then count operations of {@code threads} threads in a fixed window; returns operations per second. */
    static double measure(BenchConfig cfg, int threads, Op op) throws Exception {
        AtomicLong seq = new AtomicLong(1_000_000);
        run(threads, cfg.saveWarmupMillis(), op, seq);
        return run(threads, cfg.saveMillis(), op, seq);
    }

    private static double run(int threads, int millis, Op op, AtomicLong seq) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(new Thread(() -> {
                try {
                    while (!stop.get()) {
                        op.run(thread, seq.incrementAndGet());
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!failures.isEmpty()) {
            throw new IllegalStateException("benchmark operation failed", failures.get(0));
        }
        return done.get() / seconds;
    }

    /** Each thread keeps its own connection and statement, as a hand-written DAO would. */
    private static double measureJdbc(BenchConfig cfg, int threads, Db db, RawRows raw, Map<String, Object> stored,
                                      boolean batched) throws Exception {
        Connection[] connections = new Connection[threads];
        PreparedStatement[] statements = new PreparedStatement[threads];
        for (int t = 0; t < threads; t++) {
            connections[t] = db.dataSource.getConnection();
            connections[t].setAutoCommit(!batched);
            statements[t] = raw.prepare(connections[t]);
        }
        try {
            Op op = (t, n) -> {
                Map<String, Object> row = new LinkedHashMap<>(stored);
                row.put("name", "Deal " + n);
                if (!batched) {
                    raw.bind(statements[t], n, "rep1", row);
                    statements[t].executeUpdate();
                    return;
                }
                for (int i = 0; i < BATCH; i++) {
                    raw.bind(statements[t], n * BATCH + i, "rep1", row);
                    statements[t].addBatch();
                }
                statements[t].executeBatch();
                connections[t].commit();
            };
            return measure(cfg, threads, op) * (batched ? BATCH : 1);
        } finally {
            for (int t = 0; t < threads; t++) {
                statements[t].close();
                connections[t].setAutoCommit(true);
                connections[t].close();
            }
        }
    }
}
