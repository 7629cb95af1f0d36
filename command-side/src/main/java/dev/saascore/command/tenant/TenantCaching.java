package dev.saascore.command.tenant;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tenants live long and their streams grow with every team change; without a cache each command would
 * replay the whole stream. Loaded aggregates stay in memory while referenced (Axon evicts an entry on a
 * concurrency conflict, and with Axon Server commands for one aggregate route to one node).
 */
@Configuration
class TenantCaching {

    static final String CACHE = "tenantCache";

    @Bean(CACHE)
    Cache tenantCache() {
        return new WeakReferenceCache();
    }
}
