package io.opensop.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs every benchmark once with tiny data and a few short iterations (JMH in-process), so the
 * benchmarks keep compiling and working in {@code mvn verify}. The figures are not meaningful; the
 * test checks that each benchmark ran and produced a finite, positive number, and that the report
 * was written (to target/, never to docs/).
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnceAndReportsSaneFigures() throws Exception {
        Path report = Path.of("target", "benchmarks-smoke.md");
        Files.deleteIfExists(report);
        Results results = BenchmarkMain.run(BenchConfig.smoke(report));

        Set<String> groups = results.figures.stream().map(Results.Figure::group).collect(Collectors.toSet());
        assertThat(groups).containsExactlyInAnyOrder("formula", "recompute", "save", "approval", "list");
        assertThat(results.figures).allSatisfy(f -> assertThat(f.value()).as(f.benchmark()).isFinite().isPositive());
        assertThat(results.figures).extracting(Results.Figure::benchmark)
                .contains("JMH compileUncached", "JMH compileCached", "JMH evaluateFormula", "JMH evaluateHandWritten",
                        "engine RecordService.create", "raw JDBC insert, 1 row per transaction");
        assertThat(results.figures.stream().filter(f -> f.group().equals("recompute")).map(Results.Figure::database))
                .contains("H2", "PostgreSQL");
        assertThat(results.figures.stream().filter(f -> f.group().equals("approval")).map(Results.Figure::database))
                .contains("H2", "PostgreSQL");
        // every goal got a verdict: formula ratio, recompute on both databases, 4 save set-ups, approvals on
        // both databases, list pages, list pages sorted by an indexed field
        assertThat(results.goals).hasSize(1 + 2 + 4 + 2 + 1 + 1);
        String text = Files.readString(report);
        assertThat(text).contains("## Run of", "smoke", "| goal | measured | verdict |", "Command:");
    }
}
