package dev.saascore.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: operations start on a fixed schedule (a given rate), whatever happened to the earlier ones, and
 * each latency is measured from the operation's scheduled start. A slow answer therefore delays nothing else and
 * the operations queued behind it count their wait: no coordinated omission. Workers (each with its own client,
 * e.g. a keep-alive connection) take scheduled starts from one queue; there must be enough of them to keep up.
 * When the system cannot carry the rate, the backlog grows without end; once the oldest waiting start is
 * {@link #MAX_LAG} late the run stops, and the result says so instead of waiting for a queue that only grows.
 */
final class OpenLoop {

    private static final long STOP = Long.MIN_VALUE;
    static final Duration MAX_LAG = Duration.ofSeconds(5);

    private OpenLoop() {
    }

    /** @param database whose PostgreSQL backends count as the run's own database work in the CPU split */
    static Latencies run(List<LoadDriver.Operation> workers, int perSecond, Duration warmUp, Duration measured,
                         String database) throws InterruptedException {
        long period = 1_000_000_000L / perSecond;
        long start = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long windowStart = start + warmUp.toNanos();
        long windowEnd = windowStart + measured.toNanos();
        BlockingQueue<Long> scheduled = new LinkedBlockingQueue<>();
        LongAdder failed = new LongAdder();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, (long) perSecond * measured.toSeconds() + 16);
        for (int i = 0; i < workers.size(); i++) {
            LoadDriver.Operation operation = workers.get(i);
            long[][] own = {new long[Math.max(16, capacity / workers.size())]};
            int[] count = {0};
            Thread thread = new Thread(() -> {
                try {
                    for (long due = scheduled.take(); due != STOP; due = scheduled.take()) {
                        boolean inWindow = due >= windowStart && due < windowEnd;
                        try {
                            operation.run();
                            if (inWindow) {
                                if (count[0] == own[0].length) {
                                    own[0] = Arrays.copyOf(own[0], own[0].length * 2);
                                }
                                own[0][count[0]++] = System.nanoTime() - due;
                            }
                        } catch (Exception e) {
                            if (inWindow) {
                                failed.increment();
                                firstFailure.compareAndSet(null, e);
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    synchronized (samples) {
                        samples.add(Arrays.copyOf(own[0], count[0]));
                    }
                }
            }, "bench-open-loop-" + i);
            threads.add(thread);
        }
        threads.forEach(Thread::start);

        ProcFs.CpuTicks cpuBefore = null;
        ProcFs.ThreadTicks threadsBefore = null;
        GcPauses pauses = null;
        String saturation = null;
        for (long due = start; due < windowEnd; due += period) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (cpuBefore == null && due >= windowStart) {
                cpuBefore = ProcFs.CpuTicks.now(database);
                threadsBefore = ProcFs.ThreadTicks.now();
                pauses = GcPauses.watch();
            }
            Long oldest = scheduled.peek();
            if (oldest != null && due - oldest > MAX_LAG.toNanos()) {
                int unsent = scheduled.size() + (int) ((windowEnd - due) / period);
                scheduled.clear();
                saturation = String.format("%d/s could not be carried: after %.1f s the oldest waiting call was %d s"
                                + " late; stopped there, %d scheduled calls never sent", perSecond,
                        (due - start) / 1e9, MAX_LAG.toSeconds(), unsent);
                break;
            }
            scheduled.add(due);
        }
        ProcFs.CpuTicks cpuAfter = ProcFs.CpuTicks.now(database);
        String jvm = null;
        if (pauses != null) {
            pauses.close();
            jvm = "JVM cpu by threads: " + threadsBefore.splitUntil(ProcFs.ThreadTicks.now()) + "; " + pauses;
        }
        for (int i = 0; i < threads.size(); i++) {
            scheduled.add(STOP);
        }
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(60).toMillis()); // the queue drains first: late answers count too
        }
        long[] all;
        synchronized (samples) {
            all = samples.stream().flatMapToLong(Arrays::stream).toArray();
        }
        double seconds = measured.toNanos() / 1e9;
        return Latencies.of(all, failed.sum(), all.length / seconds,
                cpuBefore == null ? null : cpuBefore.until(cpuAfter), jvm, firstFailure.get(), saturation);
    }
}
