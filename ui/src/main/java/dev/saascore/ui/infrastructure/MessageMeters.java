package dev.saascore.ui.infrastructure;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The timers and counters of one Axon bus or event processor, under the names and with the percentiles of
 * axon-micrometer's {@code MessageTimerMonitor} and {@code MessageCountingMonitor}, registered once; an event
 * processor's also carry its latency gauge, as {@code EventProcessorLatencyMonitor}'s. Those monitors look every meter
 * up in the registry again for each message (a builder, an id, a percentile array per meter, a gauge registration
 * per event), which was a tenth of everything the application allocated under gateway load (benchmark P3, ADR 0005).
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    private static final Duration PERCENTILE_WINDOW = Duration.ofMinutes(10);

    private final Clock clock;
    private final Timer allTimer;
    private final Timer successTimer;
    private final Timer failureTimer;
    private final Timer ignoredTimer;
    private final Counter ingested;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter processed;
    private final Counter ignored;
    /** Milliseconds between the last event taken and now when it was taken; null for buses. */
    private final AtomicLong latency;

    /** A bus's meters. */
    MessageMeters(String name, MeterRegistry registry) {
        this(name, registry, null);
    }

    /**
     * An event processor's meters, with {@code latency} behind its {@code <name>.latency} gauge. The gauge may only
     * be registered once per name, so the caller hands every monitor of one processor the same value.
     */
    MessageMeters(String name, MeterRegistry registry, AtomicLong latency) {
        this.latency = latency;
        this.clock = registry.config().clock();
        this.allTimer = timer(name + ".allTimer", registry);
        this.successTimer = timer(name + ".successTimer", registry);
        this.failureTimer = timer(name + ".failureTimer", registry);
        this.ignoredTimer = timer(name + ".ignoredTimer", registry);
        this.ingested = registry.counter(name + ".ingestedCounter");
        this.succeeded = registry.counter(name + ".successCounter");
        this.failed = registry.counter(name + ".failureCounter");
        this.processed = registry.counter(name + ".processedCounter");
        this.ignored = registry.counter(name + ".ignoredCounter");
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        ingested.increment();
        if (latency != null && message instanceof EventMessage<?> event) {
            latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                timed(successTimer);
                processed.increment();
                succeeded.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                timed(failureTimer);
                processed.increment();
                failed.increment();
            }

            @Override
            public void reportIgnored() {
                timed(ignoredTimer);
                ignored.increment();
            }

            private void timed(Timer outcome) {
                long took = clock.monotonicTime() - start;
                allTimer.record(took, TimeUnit.NANOSECONDS);
                outcome.record(took, TimeUnit.NANOSECONDS);
            }
        };
    }

    private static Timer timer(String name, MeterRegistry registry) {
        return Timer.builder(name)
                .distributionStatisticExpiry(PERCENTILE_WINDOW)
                .publishPercentiles(0.5, 0.75, 0.95, 0.98, 0.99, 0.999)
                .register(registry);
    }
}
