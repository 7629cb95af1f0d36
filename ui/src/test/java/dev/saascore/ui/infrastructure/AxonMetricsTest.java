package dev.saascore.ui.infrastructure;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor's latency gauge as operators read it: how old the last event it took was when it took it. */
class AxonMetricsTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final AxonMetrics.WithoutCapacity metrics = new AxonMetrics.WithoutCapacity(registry);

    @Test
    void theLatencyGaugeShowsHowOldTheLastEventWasWhenTheProcessorTookIt() {
        MessageMonitor<? super EventMessage<?>> processor = metrics.registerEventProcessor("ai-usage");

        processor.onMessageIngested(eventFrom(Duration.ofMillis(1_500))).reportSuccess();
        assertThat(registry.get("ai-usage.latency").gauge().value()).isEqualTo(1_500);

        processor.onMessageIngested(eventFrom(Duration.ofMillis(20))).reportIgnored();
        assertThat(registry.get("ai-usage.latency").gauge().value()).isEqualTo(20);
        assertThat(registry.get("ai-usage.ingestedCounter").counter().count()).isEqualTo(2);
    }

    @Test
    void aProcessorRegisteredTwiceMovesItsOneGaugeFromEitherMonitor() {
        metrics.registerEventProcessor("command-model");
        MessageMonitor<? super EventMessage<?>> second = metrics.registerEventProcessor("command-model");

        second.onMessageIngested(eventFrom(Duration.ofMillis(300))).reportSuccess();

        assertThat(registry.find("command-model.latency").gauges()).hasSize(1);
        assertThat(registry.get("command-model.latency").gauge().value()).isEqualTo(300);
    }

    private EventMessage<?> eventFrom(Duration ago) {
        Instant at = Instant.ofEpochMilli(clock.wallTime()).minus(ago);
        return new GenericEventMessage<>(UUID.randomUUID().toString(), "payload", Map.of(), at);
    }
}
