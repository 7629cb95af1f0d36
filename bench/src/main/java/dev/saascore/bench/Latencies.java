package dev.saascore.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The latencies of one measured window, all of them (sorted), so percentiles are exact rather than bucketed.
 *
 * @param perSecond    operations per second over the window; NaN when the operations had no schedule
 * @param cpu          the CPU split over the window (null when not sampled)
 * @param jvm          how this JVM's CPU split between its threads, and its GC pauses, over the window (null when
 *                     not sampled)
 * @param firstFailure the first failed operation of the window, null when none failed
 * @param saturation   null when the load was carried as scheduled; else how it was not (the percentiles then
 *                     cover only the operations that were carried out, so they understate the latency)
 */
record Latencies(long[] sortedNanos, long failed, double perSecond, ProcFs.CpuShare cpu, String jvm,
                 Throwable firstFailure, String saturation) {

    static Latencies of(long[] nanos, long failed, double perSecond, ProcFs.CpuShare cpu, String jvm,
                        Throwable firstFailure, String saturation) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latencies(sorted, failed, perSecond, cpu, jvm, firstFailure, saturation);
    }

    /**
     * Several windows of the same load as one: all their latencies together, their rates and CPU splits averaged,
     * the JVM's threads and pauses of the last window.
     */
    static Latencies pooled(List<Latencies> windows) {
        long[] all = windows.stream().flatMapToLong(window -> Arrays.stream(window.sortedNanos)).sorted().toArray();
        List<ProcFs.CpuShare> cpus = windows.stream().map(Latencies::cpu).filter(Objects::nonNull).toList();
        ProcFs.CpuShare cpu = cpus.isEmpty() ? null : new ProcFs.CpuShare(mean(cpus, ProcFs.CpuShare::jvm),
                mean(cpus, ProcFs.CpuShare::postgres), mean(cpus, ProcFs.CpuShare::redis),
                mean(cpus, ProcFs.CpuShare::other), mean(cpus, ProcFs.CpuShare::idle), meanByName(cpus));
        Latencies last = windows.get(windows.size() - 1);
        return new Latencies(all, windows.stream().mapToLong(Latencies::failed).sum(),
                windows.stream().mapToDouble(Latencies::perSecond).average().orElseThrow(), cpu, last.jvm(),
                windows.stream().map(Latencies::firstFailure).filter(Objects::nonNull).findFirst().orElse(null),
                windows.stream().map(Latencies::saturation).filter(Objects::nonNull).findFirst().orElse(null));
    }

    private static double mean(List<ProcFs.CpuShare> shares, ToDoubleFunction<ProcFs.CpuShare> part) {
        return shares.stream().mapToDouble(part).average().orElseThrow();
    }

    /** The other processes' shares averaged over the windows (a process absent from a window counts 0 there). */
    private static Map<String, Double> meanByName(List<ProcFs.CpuShare> shares) {
        Map<String, Double> sums = new HashMap<>();
        shares.forEach(share -> share.otherByName().forEach((name, value) -> sums.merge(name, value, Double::sum)));
        sums.replaceAll((name, sum) -> sum / shares.size());
        return sums;
    }

    int count() {
        return sortedNanos.length;
    }

    /** The nearest-rank percentile in milliseconds; NaN without samples. */
    double millis(double percentile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
    }

    /** One line: count, failures and the distribution. */
    String describe() {
        return String.format("%d ok, %d failed%s; p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, p99.9 %.3f ms,"
                        + " max %.3f ms%s", count(), failed, Double.isNaN(perSecond) ? "" : String.format(", %.0f/s",
                        perSecond), millis(50), millis(90), millis(99), millis(99.9), maxMillis(),
                saturation == null ? "" : "; SATURATED: " + saturation);
    }
}
