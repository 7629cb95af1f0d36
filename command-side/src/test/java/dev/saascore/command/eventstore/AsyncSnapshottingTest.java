package dev.saascore.command.eventstore;

import dev.saascore.command.ai.usage.AiUsageMeter;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.UsageMeterId;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.DefaultSnapshotterSpanFactory;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathHandlerDefinition;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.axonframework.tracing.NoOpSpanFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The snapshotter the application uses, against a stand-in event store that notes who reads and what is stored. */
class AsyncSnapshottingTest {

    private static final TenantId TENANT = TenantId.random();
    private static final BillingPeriod PERIOD = BillingPeriod.parse("2026-11");
    private static final String METER = new UsageMeterId(TENANT, PERIOD).toString();

    private final AsyncSnapshotting snapshotting = new AsyncSnapshotting();
    private final EventStore store = mock(EventStore.class);
    private final AtomicReference<String> readBy = new AtomicReference<>();
    private final BlockingQueue<DomainEventMessage<?>> stored = new LinkedBlockingQueue<>();

    @AfterEach
    void stopThreads() {
        snapshotting.destroy();
    }

    @Test
    void aSnapshotIsTakenOnASnapshotterThreadNotInTheSchedulingOne() throws Exception {
        List<DomainEventMessage<?>> events = LongStream.range(0, 3).<DomainEventMessage<?>>mapToObj(sequence ->
                new GenericDomainEventMessage<>("AiUsageMeter", METER, sequence, new AiUsageRecorded(UUID.randomUUID(),
                        TENANT, PERIOD, "apikey:" + UUID.randomUUID(), "gpt-4o-mini", 100, 20,
                        new BigDecimal("0.000120"), 40, false, Instant.parse("2026-11-02T08:00:00Z"), 1_000))).toList();
        when(store.readEvents(METER)).thenAnswer(invocation -> {
            readBy.set(Thread.currentThread().getName());
            return DomainEventStream.of(events);
        });
        doAnswer(invocation -> stored.add(invocation.getArgument(0))).when(store).storeSnapshot(any());

        snapshotter().scheduleSnapshot(AiUsageMeter.class, METER);

        DomainEventMessage<?> snapshot = stored.poll(30, TimeUnit.SECONDS);
        assertThat(snapshot).as("stored snapshot").isNotNull();
        assertThat(readBy.get()).startsWith("snapshotter-").isNotEqualTo(Thread.currentThread().getName());
        assertThat(snapshot.getAggregateIdentifier()).isEqualTo(METER);
        assertThat(snapshot.getSequenceNumber()).isEqualTo(2);
        AiUsageMeter meter = (AiUsageMeter) snapshot.getPayload();
        assertThat(meter.getMeterId()).isEqualTo(new UsageMeterId(TENANT, PERIOD));
        assertThat(meter.getTokensUsed()).isEqualTo(360);
        assertThat(meter.isWarned()).isFalse();
    }

    private SpringAggregateSnapshotter snapshotter() {
        SpringAggregateSnapshotter snapshotter = snapshotting.aggregateSnapshotter(mock(Configuration.class),
                ClasspathHandlerDefinition.forClass(AiUsageMeter.class),
                ClasspathParameterResolverFactory.forClass(AiUsageMeter.class), store, NoTransactionManager.INSTANCE,
                DefaultSnapshotterSpanFactory.builder().spanFactory(NoOpSpanFactory.INSTANCE).build());
        GenericApplicationContext context = new GenericApplicationContext();
        context.refresh();
        context.getBeanFactory().registerSingleton("meterFactory", new GenericAggregateFactory<>(AiUsageMeter.class));
        snapshotter.setApplicationContext(context);
        return snapshotter;
    }
}
