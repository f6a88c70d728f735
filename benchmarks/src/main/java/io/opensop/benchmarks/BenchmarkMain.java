package io.opensop.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark with one command and appends a dated section to docs/benchmarks.md:
 * the JMH formula benchmarks (forked JVM), then bulk recompute and record saves on H2 and embedded
 * PostgreSQL, list pages on PostgreSQL, and the runtime's startup. Ratios are measured inside one run
 * (same JVM, same database, back to back), which is what to trust on a noisy machine.
 */
public final class BenchmarkMain {

    static final String COMMAND = "mvn -B -ntp -pl benchmarks,runtime -am package -DskipTests"
            + " && java -jar benchmarks/target/opensop-benchmarks.jar";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Results results = run(BenchConfig.fromSystemProperties());
        System.exit(results.figures.isEmpty() ? 1 : 0);
    }

    static Results run(BenchConfig cfg) throws Exception {
        long start = System.nanoTime();
        Results results = new Results();
        if (cfg.onlyListSort()) {
            return onlyListSort(cfg, results, start);
        }
        formulas(cfg, results);
        String pgVersion;
        try (Db h2 = Db.h2()) {
            RecomputeBench.run(h2, cfg, results);
        }
        try (Db pg = Db.postgres()) {
            pgVersion = postgresVersion(pg);
            RecomputeBench.run(pg, cfg, results);
        }
        try (Db h2 = Db.h2()) {
            SaveBench.run(h2, cfg, results);
        }
        try (Db pg = Db.postgres()) {
            SaveBench.run(pg, cfg, results);
        }
        try (Db h2 = Db.h2()) {
            ApprovalBench.run(h2, cfg, results);
        }
        try (Db pg = Db.postgres()) {
            ApprovalBench.run(pg, cfg, results);
        }
        try (Db pg = Db.postgres()) {
            ListBench.run(pg, cfg, results);
        }
        if (cfg.startup()) {
            StartupBench.run(results, 2);
            LoadBench.run(cfg, results);
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        String section = Report.render(cfg, results, pgVersion, minutes);
        Report.append(cfg.report(), section);
        System.out.println("appended to " + cfg.report().toAbsolutePath());
        return results;
    }

    /** The list pages sorted by amount on PostgreSQL, without and then with the field indexed; nothing else. */
    private static Results onlyListSort(BenchConfig cfg, Results results, long start) throws Exception {
        String pgVersion;
        try (Db pg = Db.postgres()) {
            pgVersion = postgresVersion(pg);
            ListBench.run(pg, cfg, results);
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        Report.append(cfg.report(), Report.render(cfg, results, pgVersion, minutes));
        System.out.println("appended to " + cfg.report().toAbsolutePath());
        return results;
    }

    static void formulas(BenchConfig cfg, Results results) throws Exception {
        Options options = new OptionsBuilder()
                .include(FormulaBenchmarks.class.getName() + "\\.")
                .forks(cfg.jmhForks())
                .jvmArgs("-Xms1g", "-Xmx1g")
                .warmupIterations(cfg.jmhWarmups())
                .warmupTime(TimeValue.milliseconds(cfg.jmhWarmupMillis()))
                .measurementIterations(cfg.jmhIterations())
                .measurementTime(TimeValue.milliseconds(cfg.jmhMillis()))
                .shouldFailOnError(true)
                .verbosity(cfg.smoke() ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        Map<String, Double> score = new HashMap<>();
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double value = run.getPrimaryResult().getScore();
            double error = run.getPrimaryResult().getScoreError();
            score.put(name, value);
            results.add("formula", "JMH " + name, "-", "1", value, run.getPrimaryResult().getScoreUnit(),
                    Double.isNaN(error) ? null : String.format("± %.1f (99.9%% CI)", error));
        }
        double ratio = score.get("evaluateFormula") / score.get("evaluateHandWritten");
        results.add("formula", "ratio evaluateFormula / evaluateHandWritten", "-", "1", ratio, "×", null);
        results.goal("rebate evaluation ≤ 3× hand-written Java", String.format("%.1f×", ratio), ratio <= 3);
    }

    private static String postgresVersion(Db pg) throws Exception {
        try (Connection c = pg.dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
