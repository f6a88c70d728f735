package io.opensop.benchmarks;

import io.opensop.engine.form.FormDefinition;
import io.opensop.engine.metadata.FormService;
import io.opensop.engine.record.PublishedForm;
import io.opensop.engine.rules.RecomputeProgress;
import io.opensop.engine.security.Actor;
import io.opensop.engine.testing.EngineHarness;
import java.util.List;
import java.util.Map;

/**
 * Bulk recompute of a 5-formula form through the engine's {@code FormulaRecompute}, started the way
 * production starts it: a designer changes a formula and publishes, and the publish listener
 * recomputes every row (pages of 500, one transaction per page, a RECOMPUTE revision per changed row).
 */
final class RecomputeBench {

    private RecomputeBench() {
    }

    static void run(Db db, BenchConfig cfg, Results results) throws Exception {
        EngineHarness h = db.harness;
        Actor admin = EngineHarness.admin();
        FormService forms = h.engine.forms();
        forms.create(admin, BenchForms.recompute("13%"));
        forms.publish(admin, "bench_rc", false);
        PublishedForm form = forms.current("bench_rc").orElseThrow();

        int rows = cfg.recomputeRows();
        List<String> keys = List.of("region", "amount", "payment_days", "quantity", "unit_price");
        RawRows raw = new RawRows(form, keys);
        double seconds = raw.insert(db.dataSource, rows, 5_000, n -> {
            Map<String, Object> all = RawRows.dealInputs(n);
            all.keySet().retainAll(keys);
            return all;
        });
        results.add("recompute", "generate rows (raw JDBC batches of 5,000)", db.name, "1", rows / seconds, "rows/s",
                rows + " rows, computed columns left blank");

        // 1: the stored rows have no computed values yet; tax goes to 9%: all 5 formula columns are written
        double fill = publishAndTime(h, "9%", rows, "recompute after publish, all 5 columns change", db, results);
        // 2: tax back to 13%: tax and total change on every row
        double change = publishAndTime(h, "13%", rows, "recompute after publish, 2 columns change", db, results);
        // 3: nothing differs: reading and computing only
        long start = System.nanoTime();
        RecomputeProgress same = h.engine.formulaRecompute().run("bench_rc", p -> { });
        double s = (System.nanoTime() - start) / 1e9;
        check(same, rows, 0);
        results.add("recompute", "recompute by hand, nothing changes (read + compute)", db.name, "1",
                rows / s, "rows/s", String.format("%,d rows in %.2f s", rows, s));
        double worst = Math.min(fill, change);
        results.goal("bulk recompute ≥ 100,000 rows/s (" + db.name + ", " + String.format("%,d", rows) + " rows)",
                String.format("%,.0f rows/s (changed rows), %,.0f rows/s (read + compute)", worst, rows / s),
                worst >= 100_000);
    }

    private static double publishAndTime(EngineHarness h, String taxRate, int rows, String label, Db db,
                                         Results results) {
        Actor admin = EngineHarness.admin();
        FormService forms = h.engine.forms();
        FormDefinition next = BenchForms.recompute(taxRate);
        forms.updateDraft(admin, "bench_rc", forms.draft(admin, "bench_rc").draftRevision(), next);
        h.events.clear();
        long start = System.nanoTime();
        forms.publish(admin, "bench_rc", false);
        double s = (System.nanoTime() - start) / 1e9;
        RecomputeProgress done = h.events.stream().filter(RecomputeProgress.class::isInstance)
                .map(RecomputeProgress.class::cast).filter(RecomputeProgress::finished).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("publish did not recompute"));
        check(done, rows, rows);
        double perSecond = rows / s;
        results.add("recompute", label, db.name, "1", perSecond, "rows/s",
                String.format("%,d rows in %.2f s (publish included), %,d changed", rows, s, done.changed()));
        return perSecond;
    }

    private static void check(RecomputeProgress p, int rows, int changed) {
        if (p.processed() != rows || p.changed() != changed || !p.failed().isEmpty()) {
            throw new IllegalStateException("unexpected recompute result: " + p);
        }
    }
}
