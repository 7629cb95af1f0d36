package dev.saascore.ui.infrastructure;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.timeout.UnitOfWorkTimeoutInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's watchdog for units of work that hang, on commands and on event processors' batches: a warning after
 * {@value #WARNING_MS} ms, then every {@value #WARNING_INTERVAL_MS} ms, and an interrupt after {@value #TIMEOUT_MS}
 * ms (Axon's defaults). Axon's own timeout configuration is switched off ({@code axon.timeout.enabled}) because it
 * also watches every handler invocation and every query, capturing a stack trace and scheduling a task for each:
 * every event applied to an aggregate or projected, and the API-key look-up of every API call (together about a
 * tenth of an AI gateway call's CPU, benchmark P3). Queries here are single reads, bounded by the pool's timeouts.
 */
@Configuration
class UnitOfWorkTimeouts {

    private static final int TIMEOUT_MS = 60_000;
    private static final int WARNING_MS = 10_000;
    private static final int WARNING_INTERVAL_MS = 1_000;

    @Bean
    ConfigurerModule watchUnitsOfWork() {
        return configurer -> {
            configurer.eventProcessing().registerDefaultHandlerInterceptor((axon, processor) -> watchdog(processor));
            configurer.onStart(Integer.MIN_VALUE, () -> configurer.buildConfiguration().commandBus()
                    .registerHandlerInterceptor(watchdog("CommandBus")));
        };
    }

    private static UnitOfWorkTimeoutInterceptor watchdog(String component) {
        return new UnitOfWorkTimeoutInterceptor(component, TIMEOUT_MS, WARNING_MS, WARNING_INTERVAL_MS);
    }
}
