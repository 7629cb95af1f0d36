package dev.saascore.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the figures of DESIGN.md sections 8-9 and prints each next to its baseline and target.
 * Usage (bench/run.sh passes --repo-root): [--only p1|p7] [--p1-seconds 20] [--warmup-seconds 10]
 * [--clients 16] [--p7-timeout-seconds 120] [--repo-root DIR]
 */
public final class BenchMain {

    private static final double P1_TARGET_RATIO = 0.40;
    private static final double P7_TARGET_SECONDS = 20;
    private static final double P7_TARGET_MIB = 768;
    private static final double OTHER_CPU_WARNING = 10;

    private record Row(String figure, String measured, String baseline, String ratio, String target, String verdict) {
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0); // framework threads of the closed application must not keep the JVM alive
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String only = "all";
        int p1Seconds = 20;
        int warmUpSeconds = 10;
        int clients = 16;
        int p7TimeoutSeconds = 120;
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--only" -> only = value;
                case "--p1-seconds" -> p1Seconds = Integer.parseInt(value);
                case "--warmup-seconds" -> warmUpSeconds = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--p7-timeout-seconds" -> p7TimeoutSeconds = Integer.parseInt(value);
                case "--repo-root" -> repoRoot = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; options: --only p1|p7, --p1-seconds N, --warmup-seconds N, --clients N,"
                        + " --p7-timeout-seconds N, --repo-root DIR");
            }
            i++;
        }
        if (!List.of("all", "p1", "p7").contains(only)) {
            throw new IllegalArgumentException("--only takes p1 or p7");
        }
        Path jar = null;
        if (!only.equals("p1")) {
            jar = StartupFootprint.locateJar(repoRoot); // fail before spending a minute on P1
        }

        Machine machine = Machine.describe();
        System.out.println("Machine: " + machine);
        // the figures assume the machine is otherwise idle; say so when it is not
        System.out.println("Load average before the run: " + ProcFs.loadAverage());
        List<Row> rows = new ArrayList<>();

        if (!only.equals("p7")) {
            CommandThroughput.Result p1 = CommandThroughput.measure(clients,
                    Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(p1Seconds));
            report(p1, clients);
            rows.add(new Row("P1 commands/s, " + clients + " clients, existing aggregates",
                    String.format("%.1f cmd/s", p1.commands().perSecond()),
                    String.format("%.1f rows/s (raw JDBC)", p1.raw().perSecond()),
                    String.format("%.3f", p1.ratio()),
                    String.format("ratio >= %.2f", P1_TARGET_RATIO),
                    verdict(p1.ratio() >= P1_TARGET_RATIO)));
            // CPU per operation hardly moves when other work shares the machine, unlike the rates above
            double commandCpu = cpuMillis(p1.commands());
            double rowCpu = cpuMillis(p1.raw());
            rows.add(new Row("P1 cpu per command (JVM + PostgreSQL)", String.format("%.2f ms", commandCpu),
                    String.format("%.3f ms per raw row", rowCpu), String.format("%.3f", rowCpu / commandCpu),
                    "-", "info"));
        }
        if (!only.equals("p1")) {
            System.out.println("P7: starting " + repoRoot.relativize(jar) + " in embedded mode ...");
            StartupFootprint.Result p7 = StartupFootprint.measure(jar, Duration.ofSeconds(p7TimeoutSeconds));
            report(p7);
            double seconds = p7.toReady().toMillis() / 1000.0;
            double mib = p7.javaRssKiB() / 1024.0;
            rows.add(new Row("P7 start to GET /login 200 (embedded)", String.format("%.1f s", seconds),
                    "-", "-", String.format("<= %.0f s", P7_TARGET_SECONDS), verdict(seconds <= P7_TARGET_SECONDS)));
            rows.add(new Row("P7 java VmRSS after start", String.format("%.0f MiB", mib),
                    "-", "-", String.format("<= %.0f MiB", P7_TARGET_MIB), verdict(mib <= P7_TARGET_MIB)));
            rows.add(new Row("P7 embedded PostgreSQL (" + p7.postgresProcesses() + " processes, PSS)",
                    String.format("%.0f MiB", p7.postgresPssKiB() / 1024.0), "-", "-", "-", "info"));
            rows.add(new Row("P7 embedded Redis VmRSS", String.format("%.0f MiB", p7.redisRssKiB() / 1024.0),
                    "-", "-", "-", "info"));
        }
        print(rows, machine);
    }

    private static void report(CommandThroughput.Result p1, int clients) {
        LoadDriver.Throughput commands = p1.commands();
        LoadDriver.Throughput raw = p1.raw();
        System.out.printf("P1: %d commands in %.1f s (%d failed), mean %.1f ms per command;"
                        + " %.1f/s in the first half, %.1f/s in the second%n"
                        + "    %s; cpu per command: JVM %.2f ms, PostgreSQL %.2f ms%n"
                        + "    %d events in the store for %d successful commands; mean stream length at the end %.1f%n",
                commands.completed(), seconds(commands), commands.failed(), commands.meanLatencyMillis(clients),
                commands.firstHalfPerSecond(), commands.secondHalfPerSecond(), commands.cpu(),
                commands.cpuMillisPerOperation(commands.cpu().jvm()),
                commands.cpuMillisPerOperation(commands.cpu().postgres()),
                p1.eventsInStore(), commands.completedInAll(), p1.meanStreamLength());
        System.out.printf("P1 baseline: %d rows in %.1f s (%d failed), mean %.2f ms per row%n"
                        + "    %s; cpu per row: JVM %.3f ms, PostgreSQL %.3f ms%n"
                        + "    payload %d B, metadata %d B copied from a real event%n",
                raw.completed(), seconds(raw), raw.failed(), raw.meanLatencyMillis(clients), raw.cpu(),
                raw.cpuMillisPerOperation(raw.cpu().jvm()), raw.cpuMillisPerOperation(raw.cpu().postgres()),
                p1.payloadBytes(), p1.metaDataBytes());
        for (LoadDriver.Throughput t : List.of(commands, raw)) {
            if (t.firstFailure() != null) {
                System.out.println("First failure: " + t.firstFailure());
            }
            if (t.cpu().other() > OTHER_CPU_WARNING) {
                System.out.printf("WARNING: other processes took %.0f%% of the CPU during a measured window;"
                        + " these figures are not from a quiet machine%n", t.cpu().other());
            }
        }
    }

    private static void report(StartupFootprint.Result p7) {
        System.out.printf("P7: ready after %.1f s; java VmRSS %.0f MiB at ready, %.0f MiB %d s later; %s%n",
                p7.toReady().toMillis() / 1000.0, p7.javaRssAtReadyKiB() / 1024.0, p7.javaRssKiB() / 1024.0,
                StartupFootprint.SETTLE.toSeconds(), p7.startedLine());
    }

    private static double cpuMillis(LoadDriver.Throughput t) {
        return t.cpuMillisPerOperation(t.cpu().jvm()) + t.cpuMillisPerOperation(t.cpu().postgres());
    }

    private static double seconds(LoadDriver.Throughput t) {
        return t.window().toMillis() / 1000.0;
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static void print(List<Row> rows, Machine machine) {
        List<Row> all = new ArrayList<>(List.of(new Row("figure", "measured", "baseline", "ratio", "target", "")));
        all.addAll(rows);
        int[] width = new int[6];
        for (Row r : all) {
            String[] cells = cells(r);
            for (int i = 0; i < cells.length; i++) {
                width[i] = Math.max(width[i], cells[i].length());
            }
        }
        System.out.println();
        System.out.println("Results (" + machine + ")");
        for (Row r : all) {
            String[] cells = cells(r);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                line.append(String.format("%-" + width[i] + "s", cells[i])).append(i < cells.length - 1 ? " | " : "");
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static String[] cells(Row r) {
        return new String[] {r.figure(), r.measured(), r.baseline(), r.ratio(), r.target(), r.verdict()};
    }
}
