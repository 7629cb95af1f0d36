package dev.saascore.ui.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.function.ToDoubleFunction;

/**
 * Per processing group: {@code saas.event.processor.lag} (events behind the head), {@code .dead.letters} and
 * {@code .failing.segments} (on this node), tagged {@code processing_group}. Registered once the processors exist.
 */
@Component
class EventProcessorMeters {

    private final EventProcessorWatch watch;
    private final MeterRegistry registry;

    EventProcessorMeters(EventProcessorWatch watch, MeterRegistry registry) {
        this.watch = watch;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String group : watch.processingGroups()) {
            gauge("saas.event.processor.lag", "events between the group's slowest segment and the head", group,
                    EventProcessorWatch.GroupStatus::lag);
            gauge("saas.event.processor.dead.letters", "events parked in the group's dead-letter queue", group,
                    EventProcessorWatch.GroupStatus::deadLetters);
            gauge("saas.event.processor.failing.segments", "this node's segments of the group in error", group,
                    status -> status.failingSegments().size());
        }
    }

    private void gauge(String name, String description, String group,
                       ToDoubleFunction<EventProcessorWatch.GroupStatus> value) {
        Gauge.builder(name, watch, w -> {
                    EventProcessorWatch.GroupStatus status = w.current().get(group);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .description(description).tag("processing_group", group).register(registry);
    }
}
