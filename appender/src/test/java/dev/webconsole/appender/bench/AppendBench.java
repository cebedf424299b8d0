package dev.webconsole.appender.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link AppendBenchmark} for every configuration at each thread count, with JMH's GC profiler,
 * and prints one table: median ns/op, allocated bytes/op, and the ratios the targets are stated in.
 *
 * <p>System properties: {@code bench.threads} (default {@code 1,4}), {@code bench.configs} (default
 * all), {@code bench.warmup} (3), {@code bench.iterations} (5), {@code bench.seconds} (1 per
 * iteration), {@code bench.forks} (1), {@code bench.forkJvm} (extra JVM options for the forks).
 */
public final class AppendBench {
    private AppendBench() {}

    record Row(String config, int threads, double medianNs, double minNs, double maxNs, double cpuNs, double bytesPerOp) {}

    public static void main(String[] args) throws RunnerException {
        run();
    }

    static void run() throws RunnerException {
        int[] threads = Arrays.stream(System.getProperty("bench.threads", "1,4").split(",")).mapToInt(Integer::parseInt).toArray();
        String[] configs = System.getProperty("bench.configs", String.join(",", AppendBenchmark.CONFIGS)).split(",");
        List<Row> rows = new ArrayList<>();
        String before = machine();
        for (int t : threads) {
            ChainedOptionsBuilder options = new OptionsBuilder()
                    .include(AppendBenchmark.class.getName() + ".info")
                    .param("config", configs)
                    .threads(t)
                    .warmupIterations(Integer.getInteger("bench.warmup", 3))
                    .measurementIterations(Integer.getInteger("bench.iterations", 5))
                    .warmupTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                    .measurementTime(TimeValue.seconds(Integer.getInteger("bench.seconds", 1)))
                    .forks(Integer.getInteger("bench.forks", 1))
                    .shouldFailOnError(true)
                    .addProfiler(GCProfiler.class);
            String forkJvm = System.getProperty("bench.forkJvm", "");
            if (!forkJvm.isBlank()) {
                options.jvmArgsAppend(forkJvm.trim().split("\\s+"));
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            for (RunResult result : results) {
                rows.add(row(result, t));
            }
        }
        System.out.println();
        System.out.println(table(rows));
        System.out.println("machine before: " + before + "; after: " + machine());
    }

    /** Cores and load average: other work on the machine shows in the wall times. */
    static String machine() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return String.format("%d cores, load average %.2f", os.getAvailableProcessors(), os.getSystemLoadAverage());
    }

    private static Row row(RunResult result, int threads) {
        String config = result.getParams().getParam("config");
        List<Double> scores = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
                Result<?> calls = iteration.getSecondaryResults().get("calls");
                Result<?> nanos = iteration.getSecondaryResults().get("cpuNanos");
                if (calls != null && nanos != null && calls.getScore() > 0) {
                    cpu.add(nanos.getScore() / calls.getScore());
                }
            }
        }
        scores.sort(Double::compare);
        cpu.sort(Double::compare);
        Result<?> alloc = result.getAggregatedResult().getSecondaryResults().get("·gc.alloc.rate.norm");
        if (alloc == null) {
            alloc = result.getAggregatedResult().getSecondaryResults().get("gc.alloc.rate.norm");
        }
        return new Row(config, threads, median(scores), scores.get(0), scores.get(scores.size() - 1),
                cpu.isEmpty() ? Double.NaN : median(cpu), alloc == null ? Double.NaN : alloc.getScore());
    }

    private static String ratio(double a, double b) {
        return String.format("%.2fx", a / b);
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String table(List<Row> rows) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.put(r.config() + "/" + r.threads(), r));
        StringBuilder out = new StringBuilder();
        out.append("Cost on the application thread: logger.info(...) with 3 parameters, median of the measured iterations.\n");
        out.append("ns/op is wall time per call (JMH); cpu ns/op is the calling thread's own CPU time per call;\n");
        out.append("B/op is allocation in the whole JVM per call (the hub's threads included); ratios are of medians.\n");
        out.append(String.format("%-20s %7s %9s %20s %11s %9s %9s %9s %11s %11s%n", "config", "threads", "ns/op",
                "(min..max)", "cpu ns/op", "B/op", "vs async", "vs 0 tabs", "cpu vs async", "cpu vs 0 tabs"));
        for (Row r : rows) {
            Row async = byKey.get("async/" + r.threads());
            Row zeroTabs = byKey.get("webconsole/" + r.threads());
            boolean tabs = r.config().startsWith("webconsole-") && zeroTabs != null;
            out.append(String.format("%-20s %7d %9.1f %20s %11.1f %9.1f %9s %9s %11s %11s%n", r.config(), r.threads(), r.medianNs(),
                    String.format("(%.1f..%.1f)", r.minNs(), r.maxNs()), r.cpuNs(), r.bytesPerOp(),
                    async == null ? "" : ratio(r.medianNs(), async.medianNs()),
                    tabs ? ratio(r.medianNs(), zeroTabs.medianNs()) : "",
                    async == null ? "" : ratio(r.cpuNs(), async.cpuNs()),
                    tabs ? ratio(r.cpuNs(), zeroTabs.cpuNs()) : ""));
        }
        return out.toString();
    }
}
