package dev.saascore.query.tenancy;

import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration
class ProjectionTenancyConfiguration {

    @Autowired
    void scopeEveryProcessorToTheEventsTenant(EventProcessingConfigurer processing, TenantContext tenantContext) {
        processing.registerDefaultHandlerInterceptor(
                (configuration, processorName) -> new TenantScopedEventInterceptor(tenantContext));
    }
}
