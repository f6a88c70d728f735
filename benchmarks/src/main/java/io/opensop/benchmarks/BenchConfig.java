package io.opensop.benchmarks;

import java.nio.file.Path;

/**
 * Sizes and durations of one run. The full run uses the figures of the issues; the smoke run (what
 * {@code mvn verify} executes) uses tiny data and a few short iterations, to prove every benchmark
 * still compiles, runs and yields sane numbers.
 */
record BenchConfig(boolean smoke, int jmhForks, int jmhWarmups, int jmhWarmupMillis, int jmhIterations,
                   int jmhMillis, int recomputeRows, int saveWarmupMillis, int saveMillis, int listRows,
                   int listPageSize, int deepPage, int listRepeats, boolean startup, Path report, int approvals,
                   int loadClients, int loadSeconds, int loadRequests, String only) {

    /** {@code -Dbench.only=list-sort}: only the list pages sorted by amount, before and after it is indexed. */
    static final String ONLY_LIST_SORT = "list-sort";

    boolean onlyListSort() {
        return ONLY_LIST_SORT.equals(only);
    }

    static BenchConfig full(Path report) {
        return new BenchConfig(false, 1, 3, 1000, 5, 1000, 100_000, 2000, 5000, 1_000_000, 50, 10_000, 15,
                true, report, 300, 50, 60, 200_000, null);
    }

    static BenchConfig smoke(Path report) {
        return new BenchConfig(true, 0, 1, 100, 2, 100, 2_000, 200, 400, 5_000, 50, 50, 3, false, report, 5, 4, 3, 200,
                null);
    }

    /** The full run, or the smoke run with {@code -Dbench.smoke=true}; {@code -Dbench.startup=false} skips startup. */
    static BenchConfig fromSystemProperties() {
        Path report = Path.of(System.getProperty("bench.report", "docs/benchmarks.md"));
        BenchConfig base = Boolean.getBoolean("bench.smoke") ? smoke(report) : full(report);
        return new BenchConfig(base.smoke, base.jmhForks, base.jmhWarmups, base.jmhWarmupMillis, base.jmhIterations,
                base.jmhMillis, Integer.getInteger("bench.recomputeRows", base.recomputeRows), base.saveWarmupMillis,
                base.saveMillis, Integer.getInteger("bench.listRows", base.listRows), base.listPageSize,
                Integer.getInteger("bench.deepPage", base.deepPage), base.listRepeats,
                Boolean.parseBoolean(System.getProperty("bench.startup", String.valueOf(base.startup))), report,
                Integer.getInteger("bench.approvals", base.approvals),
                Integer.getInteger("bench.loadClients", base.loadClients),
                Integer.getInteger("bench.loadSeconds", base.loadSeconds),
                Integer.getInteger("bench.loadRequests", base.loadRequests),
                System.getProperty("bench.only"));
    }
}
