package io.opensop.benchmarks;

/**
 * Startup of the runtime app as an operator starts it (see {@link AppProcess}): time from process start to
 * {@code /actuator/health/readiness} UP, then the resident memory (VmRSS) of the process; then it is stopped.
 */
final class StartupBench {

    private StartupBench() {
    }

    static void run(Results results, int runs) throws Exception {
        if (!AppProcess.jarBuilt()) {
            results.note("Startup skipped: " + AppProcess.JAR + " is missing (build it with `-pl benchmarks,runtime -am package`).");
            System.out.println("startup skipped: no " + AppProcess.JAR);
            return;
        }
        for (int i = 0; i < runs; i++) {
            try (AppProcess app = AppProcess.start()) {
                results.add("startup", "java -Xmx512m -jar opensop.jar (demo), run " + (i + 1) + ": to health UP",
                        "H2 file", "-", app.secondsToUp, "s", null);
                results.add("startup", "resident memory (VmRSS) at health UP, run " + (i + 1), "H2 file", "-",
                        app.residentKiB() / 1024.0, "MiB", null);
            }
        }
    }
}
