package dev.saascore.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: one thread per client, each running its operation back to back. The figure and its
 * baseline both go through here, so they are counted the same way: only completions inside the measured
 * window count, after a warm-up that lets the JIT, connection pools and caches settle.
 */
final class LoadDriver {

    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    /** @param jvmThreads how this JVM's CPU over the window split between its threads */
    record Throughput(double perSecond, double firstHalfPerSecond, double secondHalfPerSecond, long completed,
                      long failed, long completedInAll, Duration window, ProcFs.CpuShare cpu, String jvmThreads,
                      Throwable firstFailure) {

        /** CPU milliseconds per operation on the given share of all cores (e.g. the JVM's or PostgreSQL's). */
        double cpuMillisPerOperation(double sharePercent) {
            int cores = Runtime.getRuntime().availableProcessors();
            return completed == 0 ? Double.NaN : sharePercent / 100 * cores * window.toMillis() / completed;
        }

        /** Mean time per operation seen by one client (Little's law: clients / throughput). */
        double meanLatencyMillis(int clients) {
            return perSecond == 0 ? Double.NaN : clients * 1000.0 / perSecond;
        }
    }

    private LoadDriver() {
    }

    /** @param database whose PostgreSQL backends count as the run's own database work in the CPU split */
    static Throughput run(List<Operation> clients, Duration warmUp, Duration measured, String database)
            throws InterruptedException {
        LongAdder completed = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Operation operation = clients.get(i);
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        operation.run();
                        completed.increment();
                    } catch (Exception e) {
                        failed.increment();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            }, "bench-client-" + i);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        Thread.sleep(warmUp.toMillis());
        long completedBefore = completed.sum();
        long failedBefore = failed.sum();
        long start = System.nanoTime();
        ProcFs.CpuTicks cpuBefore = ProcFs.CpuTicks.now(database);
        ProcFs.ThreadTicks threadsBefore = ProcFs.ThreadTicks.now();
        Thread.sleep(measured.toMillis() / 2);
        long completedHalfway = completed.sum(); // halves show whether the rate drifts (e.g. as streams grow)
        long halfway = System.nanoTime();
        Thread.sleep(measured.toMillis() - measured.toMillis() / 2);
        ProcFs.CpuTicks cpuAfter = ProcFs.CpuTicks.now(database);
        ProcFs.ThreadTicks threadsAfter = ProcFs.ThreadTicks.now();
        long completedAfter = completed.sum();
        long failedAfter = failed.sum();
        long elapsed = System.nanoTime() - start;

        stop.set(true);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(30).toMillis()); // lets the in-flight operation finish
        }
        long window = completedAfter - completedBefore;
        long end = start + elapsed;
        return new Throughput(window * 1e9 / elapsed, (completedHalfway - completedBefore) * 1e9 / (halfway - start),
                (completedAfter - completedHalfway) * 1e9 / (end - halfway), window, failedAfter - failedBefore,
                completed.sum(),
                Duration.ofNanos(elapsed), cpuBefore.until(cpuAfter), threadsBefore.splitUntil(threadsAfter),
                firstFailure.get());
    }
}
