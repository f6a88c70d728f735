package io.opensop.benchmarks;

import io.opensop.engine.metadata.FormDraft;
import io.opensop.engine.record.FilterOperator;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.record.RecordFilter;
import io.opensop.engine.record.RecordPage;
import io.opensop.engine.record.RecordQuery;
import io.opensop.engine.record.RecordService;
import io.opensop.engine.record.RecordSort;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * List pages on a big table on PostgreSQL: server time of {@code RecordService.list} (permission
 * check, query, visible-field filtering; no HTTP) for the first page, a filtered page, sorted pages
 * and a deep page reached with the keyset cursor. The table is filled by a raw batched JDBC insert
 * (no revisions, computed columns blank) and analyzed; the only indexes are the ones the engine
 * creates when it publishes the form. Then the form is published again with {@code amount} marked
 * {@code indexed} and the pages sorted by amount are measured once more.
 */
final class ListBench {

    private ListBench() {
    }

    static void run(Db db, BenchConfig cfg, Results results) throws Exception {
        EngineHarness h = db.harness;
        h.engine.forms().create(EngineHarness.admin(), BenchForms.deal());
        h.engine.forms().publish(EngineHarness.admin(), "bench_deal", false);
        PublishedForm form = h.engine.forms().current("bench_deal").orElseThrow();
        int rows = cfg.listRows();
        Map<String, Object> sample = RawRows.dealInputs(0);
        RawRows raw = new RawRows(form, RawRows.keysOf(sample));
        double seconds = raw.insert(db.dataSource, rows, 10_000, RawRows::dealInputs);
        results.add("list", "generate rows (raw JDBC batches of 10,000)", db.name, "1", rows / seconds, "rows/s",
                String.format("%,d rows in %.1f s", rows, seconds));
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze \"" + form.layout().tableName() + "\"");
        }

        Actor rep = rep();
        RecordService records = h.engine.records();
        int size = cfg.listPageSize();
        SqlCapture capture = new SqlCapture();
        h.dsl.configuration().set(new DefaultExecuteListenerProvider(capture));

        Map<String, RecordQuery> queries = new java.util.LinkedHashMap<>();
        if (cfg.onlyListSort()) {
            queries.put("sorted page: largest amount first (no index)",
                    query(List.of(), List.of(new RecordSort("amount", true)), size, null));
            queries.put("sorted page: smallest amount first (no index)",
                    query(List.of(), List.of(new RecordSort("amount", false)), size, null));
        } else {
            allQueries(records, rep, cfg, size, queries);
        }
        double max = measure(db, cfg, results, capture, rows, queries);
        boolean met = max <= 150;
        if (!cfg.onlyListSort()) {
            results.goal("list pages ≤ 150 ms each (" + db.name + ", " + String.format("%,d", rows) + " rows)",
                    String.format("slowest median %.1f ms%s", max, met ? "" : "; over: " + String.join(", ", over(results))),
                    met);
        }
        withAmountIndexed(db, cfg, results, capture, rows, size);
        h.dsl.configuration().set(new DefaultExecuteListenerProvider[0]);
    }

    /**
     * Publishes the next version with {@code "indexed": true} on amount (timed: the publish builds both sort
     * indexes, and writes to the table wait meanwhile), then the same sorted pages again, and the page after
     * the first one through its cursor.
     */
    private static void withAmountIndexed(Db db, BenchConfig cfg, Results results, SqlCapture capture, int rows,
                                          int size) throws Exception {
        EngineHarness h = db.harness;
        FormDraft draft = h.engine.forms().draft(EngineHarness.admin(), "bench_deal");
        h.engine.forms().updateDraft(EngineHarness.admin(), "bench_deal", draft.draftRevision(), BenchForms.deal(true));
        long start = System.nanoTime();
        h.engine.forms().publish(EngineHarness.admin(), "bench_deal", false);
        double seconds = (System.nanoTime() - start) / 1e9;
        results.add("list", "publish with amount indexed (builds 2 sort indexes)", db.name, "1", seconds, "s",
                String.format("%,d rows", rows));
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("analyze \"rec_bench_deal\"");
        }
        Actor rep = rep();
        RecordQuery largest = query(List.of(), List.of(new RecordSort("amount", true)), size, null);
        String next = h.engine.records().list(rep, "bench_deal", largest).next();
        Map<String, RecordQuery> queries = new java.util.LinkedHashMap<>();
        queries.put("sorted page: largest amount first (indexed)", largest);
        queries.put("sorted page: smallest amount first (indexed)",
                query(List.of(), List.of(new RecordSort("amount", false)), size, null));
        queries.put("sorted page 2 via keyset cursor: largest amount first (indexed)",
                query(List.of(), List.of(new RecordSort("amount", true)), size, next));
        double max = measure(db, cfg, results, capture, rows, queries);
        results.goal("pages sorted by a field marked indexed ≤ 150 ms each (" + db.name + ", "
                + String.format("%,d", rows) + " rows)", String.format("slowest median %.1f ms", max), max <= 150);
    }

    private static List<String> over(Results results) {
        return results.figures.stream().filter(f -> f.group().equals("list") && f.unit().equals("ms") && f.value() > 150)
                .map(Results.Figure::benchmark).toList();
    }

    private static Actor rep() {
        return new Actor(null, "rep1", Set.of("sales_rep"), Locale.SIMPLIFIED_CHINESE, EngineHarness.SHANGHAI);
    }

    private static void allQueries(RecordService records, Actor rep, BenchConfig cfg, int size,
                                   Map<String, RecordQuery> queries) {
        queries.put("first page (id order)", RecordQuery.firstPage(size));
        queries.put("filtered page: region = east (indexed select field)",
                query(List.of(new RecordFilter("region", FilterOperator.EQ, List.of("east"))), List.of(), size, null));
        queries.put("filtered page: amount ≥ 150000 (no index)",
                query(List.of(new RecordFilter("amount", FilterOperator.GE, List.of("150000"))), List.of(), size, null));
        queries.put("sorted page: newest updated_at first (indexed)",
                query(List.of(), List.of(new RecordSort("updated_at", true)), size, null));
        queries.put("sorted page: largest amount first (no index)",
                query(List.of(), List.of(new RecordSort("amount", true)), size, null));
        String cursor = cursorBefore(records, rep, cfg.deepPage(), size);
        queries.put(String.format("page %,d via keyset cursor (id order)", cfg.deepPage()),
                query(List.of(), List.of(), size, cursor));
    }

    /** Times each query, notes its SQL and plan, and returns the slowest median in ms. */
    private static double measure(Db db, BenchConfig cfg, Results results, SqlCapture capture, int rows,
                                  Map<String, RecordQuery> queries) throws Exception {
        RecordService records = db.harness.engine.records();
        Actor rep = rep();
        double max = 0;
        for (Map.Entry<String, RecordQuery> q : queries.entrySet()) {
            RecordQuery query = q.getValue();
            double[] ms = time(cfg.listRepeats(), () -> records.list(rep, "bench_deal", query));
            double median = percentile(ms, 0.5);
            double p95 = percentile(ms, 0.95);
            results.add("list", q.getKey(), db.name, "1", median, "ms",
                    String.format("median of %d; p95 %.1f ms; %,d rows", ms.length, p95, rows));
            max = Math.max(max, median);
            capture.start();
            records.list(rep, "bench_deal", query);
            String sql = capture.stop();
            if (sql != null && db.isPostgres()) {
                results.note("**" + q.getKey() + "**\n\n```sql\n" + sql + "\n```\n\n```\n" + explain(db, sql) + "```\n");
            }
        }
        return max;
    }

    static RecordQuery query(List<RecordFilter> filters, List<RecordSort> sorts, int limit, String after) {
        return new RecordQuery(filters, sorts, limit, after, false, false);
    }

    /** The cursor that opens page {@code page} of {@code size} rows: walked with the largest pages the API allows. */
    private static String cursorBefore(RecordService records, Actor rep, int page, int size) {
        long skip = (long) (page - 1) * size;
        String after = null;
        while (skip > 0) {
            int step = (int) Math.min(skip, RecordQuery.MAX_LIMIT);
            RecordPage p = records.list(rep, "bench_deal", query(List.of(), List.of(), step, after));
            after = p.next();
            skip -= step;
            if (after == null) {
                throw new IllegalStateException("the table has fewer than " + page + " pages");
            }
        }
        return after;
    }

    static double[] time(int repeats, Supplier<RecordPage> op) {
        for (int i = 0; i < 3; i++) {
            sane(op.get());
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            RecordPage page = op.get();
            ms[i] = (System.nanoTime() - start) / 1e6;
            sane(page);
        }
        return ms;
    }

    private static void sane(RecordPage page) {
        if (page.items().isEmpty()) {
            throw new IllegalStateException("empty page");
        }
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String explain(Db db, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain (analyze, buffers, costs off) " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    /** Remembers the (inlined) SQL of the record select while capturing. */
    static final class SqlCapture implements ExecuteListener {
        private volatile boolean on;
        private volatile String sql;

        void start() {
            sql = null;
            on = true;
        }

        String stop() {
            on = false;
            return sql;
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            if (on && ctx.query() != null) {
                String text = ctx.dsl().renderInlined(ctx.query());
                if (text.contains("rec_bench_deal") && text.toLowerCase(Locale.ROOT).startsWith("select")
                        && !text.contains("count(")) {
                    sql = text;
                }
            }
        }
    }
}
