package dev.saascore.command.tenant;

import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the registry's status in step with the events. Runs in a subscribing processor, inside the
 * command's transaction, so sign-in sees a suspension the moment it is committed.
 */
@Component
@ProcessingGroup(TenantRegistryUpdater.PROCESSING_GROUP)
class TenantRegistryUpdater {

    static final String PROCESSING_GROUP = "tenant-registry";

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
