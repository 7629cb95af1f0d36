package dev.saascore.ui.infrastructure;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * Axon's local query bus as its auto-configuration builds it, but without a JPA transaction around every query:
 * our query handlers are single reads (command model) or open their own tenant-scoped transaction
 * ({@code TenantTransactions}), so the bus's transaction only cost a connection and a begin/commit per query —
 * about a quarter of an API-key look-up, which every AI gateway call makes (benchmark P3). With Axon Server the
 * connector's bus is left as it is.
 */
@org.springframework.context.annotation.Configuration
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class QueryBusConfiguration {

    @Bean
    SimpleQueryBus queryBus(Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.INSTANCE)
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }
}
