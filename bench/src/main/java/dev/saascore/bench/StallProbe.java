package dev.saascore.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The machine's own scheduling stalls, measured during P3's rounds at the target rate: a small separate JVM sleeps
 * 1 ms again and again and records how late it wakes up. A wake-up many milliseconds late is a core that no process
 * could get at that moment (on the Firecracker machines here, the host's DAMON monitor: ADR 0007). A gateway call
 * wakes several threads, so its tail cannot be shorter than the machine's. The probe runs until the bench closes its
 * standard input, then prints its wake-up delays.
 */
final class StallProbe implements AutoCloseable {

    private static final long SLEEP_NANOS = 1_000_000;
    private static final double STALL_MILLIS = 5;

    /** How late the probe woke up ({@code delays}: one sample per wake-up), over {@code seconds}. */
    record Result(Latencies delays, double seconds) {

        long stalls() {
            return Arrays.stream(delays.sortedNanos()).filter(delay -> delay > STALL_MILLIS * 1e6).count();
        }

        String describe() {
            return String.format("woke up late by p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.1f ms; %d wake-ups"
                            + " over %.0f ms late in %.0f s", delays.millis(50), delays.millis(99), delays.millis(99.9),
                    delays.maxMillis(), stalls(), STALL_MILLIS, seconds);
        }
    }

    private final Process process;
    private final long startedAt = System.nanoTime();

    private StallProbe(Process process) {
        this.process = process;
    }

    /** Starts the probe in its own small JVM (the bench JVM's collector and load must not count). */
    static StallProbe start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new StallProbe(new ProcessBuilder(java, "-Xmx16m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), StallProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Stops the probe and reads what it measured. */
    Result stop() throws IOException, InterruptedException {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        process.getOutputStream().close();
        String delays = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        process.waitFor();
        long[] nanos = delays.isEmpty() ? new long[0]
                : Arrays.stream(delays.split(" ")).mapToLong(Long::parseLong).toArray();
        return new Result(Latencies.of(nanos, 0, Double.NaN, null, null, null, null), seconds);
    }

    @Override
    public void close() {
        process.destroy();
    }

    /** The probe itself: sleeps 1 ms until its standard input ends, then prints each wake-up's delay (ns). */
    public static void main(String[] args) {
        Thread parentGone = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is sent: the end of the stream is the signal
                }
            } catch (IOException e) {
                // a broken pipe ends the probe too
            }
        });
        parentGone.setDaemon(true);
        parentGone.start();
        long[] delays = new long[1 << 16];
        int count = 0;
        while (parentGone.isAlive()) {
            long before = System.nanoTime();
            LockSupport.parkNanos(SLEEP_NANOS);
            if (count == delays.length) {
                delays = Arrays.copyOf(delays, count * 2);
            }
            delays[count++] = Math.max(0, System.nanoTime() - before - SLEEP_NANOS);
        }
        StringBuilder out = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : " ").append(delays[i]);
        }
        System.out.print(out);
    }
}
