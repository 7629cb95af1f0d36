package dev.saascore.ui.infrastructure;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Axon's bus and processor metrics (counters, timers, processor latency) without its {@code CapacityMonitor}, which
 * keeps every message's duration of the last ten minutes in a skip list: at a few thousand AI calls a second that
 * was millions of entries per processor, hundreds of MiB that every young collection copied (35–60 ms pauses,
 * benchmark P3). A processor's or bus's busy share is still there: the rate of its timer's total time
 * ({@code rate(<name>_allTimer_seconds_sum[1m])} in Prometheus) is what the capacity gauge showed. The timers,
 * counters and processor latency gauges are {@link MessageMeters}, registered once per component. The autoconfigured
 * {@code MetricsConfigurerModule} registers this registry's monitors with every component.
 */
@Configuration
class AxonMetrics {

    @Bean
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new WithoutCapacity(registry);
    }

    static final class WithoutCapacity extends GlobalMetricRegistry {

        /** Axon registers some processors' monitors twice; both must move the one gauge. */
        private final Map<String, AtomicLong> processorLatencies = new ConcurrentHashMap<>();

        WithoutCapacity(MeterRegistry registry) {
            super(registry);
        }

        @Override
        public MessageMonitor<? extends Message<?>> registerComponent(Class<?> componentType, String componentName) {
            return QueryUpdateEmitter.class.isAssignableFrom(componentType)
                    ? new MessageMeters(componentName, getRegistry())
                    : super.registerComponent(componentType, componentName);
        }

        @Override
        public MessageMonitor<? super EventMessage<?>> registerEventProcessor(String name) {
            AtomicLong latency = processorLatencies.computeIfAbsent(name, processor -> {
                AtomicLong millis = new AtomicLong();
                Gauge.builder(processor + ".latency", millis, AtomicLong::get).register(getRegistry());
                return millis;
            });
            return new MessageMeters(name, getRegistry(), latency);
        }

        @Override
        public MessageMonitor<? super CommandMessage<?>> registerCommandBus(String name) {
            return new MessageMeters(name, getRegistry());
        }

        @Override
        public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(String name) {
            return new MessageMeters(name, getRegistry());
        }
    }
}
