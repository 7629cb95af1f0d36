package dev.saascore.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the figures of DESIGN.md section 9 and issue 4 (P1, P3, P4, P6, P7) and prints each next to its baseline and
 * target. Options: see {@link #OPTIONS} and docs/benchmarks.md (bench/run.sh passes --repo-root).
 */
public final class BenchMain {

    private static final double P1_TARGET_RATIO = 0.40;
    private static final double P7_TARGET_SECONDS = 20;
    private static final double P7_TARGET_MIB = 768;
    private static final double P3_TARGET_ADDED_P99_MILLIS = 2;
    private static final double P3_TARGET_CALLS_PER_SECOND = 3_000;
    private static final double P6_TARGET_RATIO = 1.5;
    private static final double OTHER_CPU_WARNING = 10;
    private static final String OPTIONS = "--only p1|p3|p4|p6|p7, --p1-seconds N, --warmup-seconds N, --clients N,"
            + " --p7-timeout-seconds N, --p3-rate N, --p3-low-rate N, --p3-seconds N, --p3-warmup-seconds N,"
            + " --p3-first-warmup-seconds N, --p3-jit-settle-seconds N, --p3-rounds N, --p3-clients N, --p3-workers N,"
            + " --p4-callers N, --p4-allowed N, --p4-rounds N, --p6-events N, --p6-batch N, --p6-commands N,"
            + " --p6-restarts N, --repo-root DIR";

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
        int p3Rate = 500;
        int p3LowRate = 100;
        int p3Seconds = 10;
        int p3WarmUpSeconds = 5;
        // on two cores the JIT still compiles 50-150 methods a second after two minutes of load (PrintCompilation)
        int p3FirstWarmUpSeconds = 120;
        int p3JitSettleSeconds = 300;
        int p3Rounds = 3;
        int p3Clients = 32;
        int p3Workers = 16;
        int p4Callers = 64;
        int p4Allowed = 16;
        int p4Rounds = 3;
        int p6Events = 100_000;
        int p6Batch = 1_000;
        int p6Commands = 100;
        int p6Restarts = 3;
        Path repoRoot = Path.of("").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--only" -> only = value;
                case "--p1-seconds" -> p1Seconds = Integer.parseInt(value);
                case "--warmup-seconds" -> warmUpSeconds = Integer.parseInt(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--p7-timeout-seconds" -> p7TimeoutSeconds = Integer.parseInt(value);
                case "--p3-rate" -> p3Rate = Integer.parseInt(value);
                case "--p3-low-rate" -> p3LowRate = Integer.parseInt(value);
                case "--p3-seconds" -> p3Seconds = Integer.parseInt(value);
                case "--p3-warmup-seconds" -> p3WarmUpSeconds = Integer.parseInt(value);
                case "--p3-first-warmup-seconds" -> p3FirstWarmUpSeconds = Integer.parseInt(value);
                case "--p3-jit-settle-seconds" -> p3JitSettleSeconds = Integer.parseInt(value);
                case "--p3-rounds" -> p3Rounds = Integer.parseInt(value);
                case "--p3-clients" -> p3Clients = Integer.parseInt(value);
                case "--p3-workers" -> p3Workers = Integer.parseInt(value);
                case "--p4-callers" -> p4Callers = Integer.parseInt(value);
                case "--p4-allowed" -> p4Allowed = Integer.parseInt(value);
                case "--p4-rounds" -> p4Rounds = Integer.parseInt(value);
                case "--p6-events" -> p6Events = Integer.parseInt(value);
                case "--p6-batch" -> p6Batch = Integer.parseInt(value);
                case "--p6-commands" -> p6Commands = Integer.parseInt(value);
                case "--p6-restarts" -> p6Restarts = Integer.parseInt(value);
                case "--repo-root" -> repoRoot = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; options: " + OPTIONS);
            }
            i++;
        }
        if (!List.of("all", "p1", "p3", "p4", "p6", "p7").contains(only)) {
            throw new IllegalArgumentException("--only takes p1, p3, p4, p6 or p7");
        }
        boolean all = only.equals("all");
        Path jar = null;
        if (all || only.equals("p7")) {
            jar = StartupFootprint.locateJar(repoRoot); // fail before spending minutes on the other figures
        }

        Machine machine = Machine.describe();
        System.out.println("Machine: " + machine);
        // the figures assume the machine is otherwise idle; say so when it is not
        System.out.println("Load average before the run: " + ProcFs.loadAverage());
        List<Row> rows = new ArrayList<>();

        if (all || only.equals("p1")) {
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
        if (all || List.of("p3", "p4", "p6").contains(only)) {
            System.out.println("AI gateway: starting the application with a zero-latency stub upstream ...");
            try (StubUpstream stub = StubUpstream.start(); AiApplication app = AiApplication.start(stub)) {
                if (all || only.equals("p3")) {
                    GatewayLatency.Result p3 = GatewayLatency.measure(app, stub, new GatewayLatency.Options(p3Rate,
                            p3LowRate, p3Workers, p3Clients, Duration.ofSeconds(p3FirstWarmUpSeconds),
                            Duration.ofSeconds(p3JitSettleSeconds), p3Rounds,
                            Duration.ofSeconds(p3WarmUpSeconds), Duration.ofSeconds(p3Seconds)));
                    report(p3, p3Rate, p3LowRate, p3Clients, p3Rounds);
                    rows.addAll(rows(p3, p3Rate, p3LowRate, p3Clients));
                }
                if (all || only.equals("p4")) {
                    List<QuotaRaces.Round> p4 = QuotaRaces.measure(app, stub,
                            new QuotaRaces.Options(p4Callers, p4Allowed, p4Rounds));
                    report(p4);
                    rows.addAll(rows(p4));
                }
                if (all || only.equals("p6")) {
                    UsageRecording.Result p6 = UsageRecording.measure(app,
                            new UsageRecording.Options(p6Events, p6Batch, p6Commands, p6Restarts));
                    report(p6);
                    rows.addAll(rows(p6));
                }
            }
        }
        if (all || only.equals("p7")) {
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

    private static void report(GatewayLatency.Result p3, int rate, int lowRate, int clients, int rounds) {
        if (p3.gatewayLow() != null) {
            report(p3.directLow(), p3.gatewayLow(), lowRate + "/s");
            System.out.printf("P3 added by the gateway at %d/s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms%n",
                    lowRate, p3.addedLow(50), p3.addedLow(90), p3.addedLow(99), p3.addedLow(99.9));
        }
        report(p3.direct(), p3.gateway(), rate + "/s (" + rounds + " rounds pooled)");
        System.out.printf("P3 added by the gateway at %d/s: p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms%n",
                rate, p3.added(50), p3.added(90), p3.added(99), p3.added(99.9));
        System.out.println("P3 machine during the " + rate + "/s rounds: a separate process sleeping 1 ms "
                + p3.stalls().describe());
        LoadDriver.Throughput max = p3.max();
        System.out.printf("P3 closed loop, %d clients: %d calls in %.1f s (%d failed): %.1f/s (%.1f/s in the first"
                        + " half, %.1f/s in the second), mean %.2f ms per call%n"
                        + "    %s; cpu per call: JVM %.3f ms, PostgreSQL %.3f ms, Redis %.3f ms%n"
                        + "    JVM cpu by threads: %s%n"
                        + "    %.2f PostgreSQL transactions per call; %d calls were waiting in the usage outbox at"
                        + " the end, recorded %.1f s later%n",
                clients, max.completed(), seconds(max), max.failed(), max.perSecond(), max.firstHalfPerSecond(),
                max.secondHalfPerSecond(), max.meanLatencyMillis(clients), max.cpu(),
                max.cpuMillisPerOperation(max.cpu().jvm()), max.cpuMillisPerOperation(max.cpu().postgres()),
                max.cpuMillisPerOperation(max.cpu().redis()), max.jvmThreads(), p3.transactionsPerCall(),
                p3.outboxBacklog(),
                p3.drainSeconds());
        RedisBaseline.Result redis = p3.redis();
        System.out.println("P3 Redis PING at " + rate + "/s:    " + redis.ping().describe());
        System.out.println("P3 Redis EVALSHA at " + rate + "/s: " + redis.evalsha().describe());
        LoadDriver.Throughput scripts = redis.maxEvalsha();
        System.out.printf("P3 Redis EVALSHA closed loop, %d clients (Jedis pool): %.0f/s (%d failed); %s%n",
                clients, scripts.perSecond(), scripts.failed(), scripts.cpu());
        for (Object failure : new Object[] {p3.direct().firstFailure(), p3.gateway().firstFailure(),
                max.firstFailure(), redis.ping().firstFailure(), redis.evalsha().firstFailure(),
                scripts.firstFailure()}) {
            if (failure != null) {
                System.out.println("First failure: " + failure);
            }
        }
        warnIfBusy(p3.direct().cpu());
        warnIfBusy(p3.gateway().cpu());
        warnIfBusy(max.cpu());
    }

    /** A saturated run has no percentiles worth the name: the calls it never sent would have been the slowest. */
    private static String added(GatewayLatency.Result p3, double percentile) {
        return p3.gateway().saturation() == null ? String.format("%.3f ms", p3.added(percentile))
                : "saturated (" + OpenLoop.MAX_LAG.toSeconds() + " s behind)";
    }

    private static void report(Latencies direct, Latencies gateway, String load) {
        System.out.printf("P3 (a) stub upstream directly at %s: %s%n%s", load, direct.describe(), window(direct));
        System.out.printf("P3 (b) through the gateway at %s:    %s%n%s", load, gateway.describe(), window(gateway));
    }

    /** The CPU split and the JVM's threads and pauses over an open-loop window, or why they are missing. */
    private static String window(Latencies latencies) {
        return latencies.cpu() == null ? "    cpu not sampled (stopped before the measured window)%n".formatted()
                : "    %s%n    %s%n".formatted(latencies.cpu(), latencies.jvm());
    }

    private static List<Row> rows(GatewayLatency.Result p3, int rate, int lowRate, int clients) {
        LoadDriver.Throughput max = p3.max();
        double redisMax = p3.redis().maxEvalsha().perSecond();
        double cpu = max.cpuMillisPerOperation(max.cpu().jvm()) + max.cpuMillisPerOperation(max.cpu().postgres())
                + max.cpuMillisPerOperation(max.cpu().redis());
        List<Row> rows = new ArrayList<>();
        if (p3.gatewayLow() != null) {
            rows.add(new Row("P3 gateway added latency p50 / p99 at " + lowRate + "/s",
                    String.format("%.3f / %.3f ms", p3.addedLow(50), p3.addedLow(99)),
                    String.format("stub %.3f / %.3f ms", p3.directLow().millis(50), p3.directLow().millis(99)),
                    "-", "-", p3.gatewayLow().saturation() == null ? "info" : "SATURATED"));
        }
        rows.addAll(List.of(
                new Row("P3 gateway added latency p50 at " + rate + "/s", added(p3, 50),
                        String.format("stub %.3f ms, Redis EVALSHA %.3f ms", p3.direct().millis(50),
                                p3.redis().evalsha().millis(50)), "-", "-", "info"),
                new Row("P3 gateway added latency p99 at " + rate + "/s", added(p3, 99),
                        String.format("stub %.3f ms, Redis EVALSHA %.3f ms", p3.direct().millis(99),
                                p3.redis().evalsha().millis(99)), "-",
                        String.format("<= %.0f ms", P3_TARGET_ADDED_P99_MILLIS),
                        // a stub window with a longer tail than the gateway's measured the machine, not the gateway
                        p3.added(99) < 0 ? "NOISY" : verdict(p3.added(99) <= P3_TARGET_ADDED_P99_MILLIS
                                && p3.gateway().failed() == 0 && p3.gateway().saturation() == null)),
                // what the machine itself allows: no call that wakes several threads can have a shorter tail
                new Row("P3 machine stalls during the " + rate + "/s rounds (1 ms sleeper, own process)",
                        String.format("p99 %.3f ms, max %.1f ms", p3.stalls().delays().millis(99),
                                p3.stalls().delays().maxMillis()),
                        String.format("%d wake-ups > 5 ms late", p3.stalls().stalls()), "-", "-", "info"),
                new Row("P3 gateway calls/s, " + clients + " clients (" + max.failed() + " failed)",
                        String.format("%.0f calls/s", max.perSecond()),
                        String.format("%.0f EVALSHA/s (Redis)", redisMax),
                        String.format("%.3f", max.perSecond() / redisMax),
                        String.format(">= %.0f calls/s", P3_TARGET_CALLS_PER_SECOND),
                        verdict(max.perSecond() >= P3_TARGET_CALLS_PER_SECOND && max.failed() == 0)),
                new Row("P3 cpu per gateway call (JVM + PostgreSQL + Redis)", String.format("%.3f ms", cpu),
                        "-", "-", "-", "info")));
        return rows;
    }

    private static void report(List<QuotaRaces.Round> rounds) {
        for (QuotaRaces.Round round : rounds) {
            System.out.printf("P4 %-14s %d callers, budget %d tokens = %d calls of %d: %d answered, %d refused"
                            + " (429), %d failed upstream, %d errors; used %d (overshoot %d), still held %d tokens / %d calls"
                            + " (settled %.0f ms after the last caller returned); recorded %d%n",
                    round.kind().label + ":", round.callers(), round.budget(), round.allowed(), round.estimate(),
                    round.answered(), round.refused(), round.failed(), round.errors(), round.after().tokensUsed(),
                    round.overshoot(),
                    round.after().tokensReserved(), round.after().callsInFlight(),
                    round.settledIn().toNanos() / 1e6, round.recorded());
            if (round.firstError() != null) {
                System.out.println("    caller error: " + round.firstError());
            }
            if (round.firstErrorAnswer() != null) {
                System.out.println("    first error answer: " + round.firstErrorAnswer());
            }
        }
    }

    private static List<Row> rows(List<QuotaRaces.Round> rounds) {
        List<Row> rows = new ArrayList<>();
        for (QuotaRaces.Round round : rounds) {
            rows.add(new Row(String.format("P4 %s, %d callers, %d allowed", round.kind().label, round.callers(),
                    round.allowed()),
                    String.format("%d admitted, %d errors; overshoot %d; held %d tok / %d calls", round.admitted(),
                            round.errors(), round.overshoot(), round.after().tokensReserved(),
                            round.after().callsInFlight()),
                    String.format("budget %d tok, used %d, recorded %d", round.budget(), round.after().tokensUsed(),
                            round.recorded()),
                    "-", "0 overshoot, 0 held", verdict(round.clean())));
        }
        return rows;
    }

    private static void report(UsageRecording.Result p6) {
        System.out.printf("P6: first command after a restart: %s ms (100 more warm the path up); then on the"
                        + " %d-event meter %s ms, on the 10-event meter %s ms%n",
                list(p6.firstAny()), p6.longEvents(), list(p6.firstLong()), list(p6.firstShort()));
        System.out.println("P6 steady state, " + p6.longEvents() + "-event meter: " + p6.steadyLong().describe());
        System.out.println("P6 steady state, 10-event meter:     " + p6.steadyShort().describe());
    }

    private static List<Row> rows(UsageRecording.Result p6) {
        String events = String.format("%,d", p6.longEvents());
        return List.of(
                new Row("P6 first command after restart, " + events + " vs 10 events",
                        String.format("%.2f ms", UsageRecording.median(p6.firstLong())),
                        String.format("%.2f ms (10 events)", UsageRecording.median(p6.firstShort())),
                        String.format("%.2f", p6.firstRatio()), String.format("ratio <= %.1f", P6_TARGET_RATIO),
                        verdict(p6.firstRatio() <= P6_TARGET_RATIO)),
                steadyRow(p6, 50, true),
                steadyRow(p6, 99, false));
    }

    /** A p99 of a couple of hundred commands is one or two of them: shown, not judged. */
    private static Row steadyRow(UsageRecording.Result p6, double percentile, boolean judged) {
        double longMillis = p6.steadyLong().millis(percentile);
        double shortMillis = p6.steadyShort().millis(percentile);
        double ratio = longMillis / shortMillis;
        return new Row(String.format("P6 p%.0f of %d commands per meter, %,d vs 10 events", percentile,
                p6.steadyLong().count(), p6.longEvents()), String.format("%.2f ms", longMillis),
                String.format("%.2f ms (10 events)", shortMillis), String.format("%.2f", ratio),
                judged ? String.format("ratio <= %.1f", P6_TARGET_RATIO) : "-",
                judged ? verdict(ratio <= P6_TARGET_RATIO) : "info");
    }

    private static String list(double[] millis) {
        StringBuilder text = new StringBuilder();
        for (double value : millis) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%.2f", value));
        }
        return text.toString();
    }

    private static void warnIfBusy(ProcFs.CpuShare cpu) {
        if (cpu != null && cpu.other() > OTHER_CPU_WARNING) {
            System.out.printf("WARNING: %s of the CPU during a measured window went to other processes;"
                    + " these figures are not from a quiet machine%n", cpu.otherText());
        }
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
            warnIfBusy(t.cpu());
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
