package dev.saascore.command.tenant;

import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Keeps the registry's status in step with the events, so sign-in sees a suspension the moment it commits. */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class TenantRegistryUpdater {

    private final TenantRegistry registry;

    TenantRegistryUpdater(TenantRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    void on(TenantSuspended event) {
        registry.changeStatus(event.tenantId(), TenantStatus.SUSPENDED);
    }

    @EventHandler
    void on(TenantReactivated event) {
        registry.changeStatus(event.tenantId(), TenantStatus.ACTIVE);
    }
}
