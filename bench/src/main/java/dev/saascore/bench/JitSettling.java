package dev.saascore.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Keeps a load on until the JIT has caught up with it. On a slow two-core machine the C2 compiler's queue still held
 * about 1,600 methods after P3's two-minute closed-loop warm-up (it gets little CPU while 32 clients saturate both
 * cores), so the measured windows ran partly in C1's profiling code, without escape analysis, with the compiler
 * thread taking 30–70 % of the JVM. A server that has run for a while has long compiled its hot path; that is what
 * the windows measure once the compile time has fallen below {@link #QUIET_SHARE} of a span.
 */
final class JitSettling {

    static final Duration SPAN = Duration.ofSeconds(5);
    /** Compile time (summed over compiler threads) below this share of a span's wall time counts as settled. */
    static final double QUIET_SHARE = 0.05;

    /** One span of load, e.g. an open loop at the rate about to be measured. */
    @FunctionalInterface
    interface Load {
        void run(Duration span) throws Exception;
    }

    private JitSettling() {
    }

    /** @return a line saying how long the load ran and whether the JIT settled within {@code limit} */
    static String await(Load load, Duration limit) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        while (true) {
            long compiledBefore = jit.getTotalCompilationTime();
            load.run(SPAN);
            double share = (jit.getTotalCompilationTime() - compiledBefore) / (double) SPAN.toMillis();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (share < QUIET_SHARE) {
                return String.format("the JIT settled after %.0f s (compiling %.1f %% of the last %d s)", seconds,
                        share * 100, SPAN.toSeconds());
            }
            if (seconds >= limit.toSeconds()) {
                return String.format("the JIT did not settle within %.0f s (still compiling %.0f %% of the last %d s):"
                        + " the windows below include its work", seconds, share * 100, SPAN.toSeconds());
            }
        }
    }
}
