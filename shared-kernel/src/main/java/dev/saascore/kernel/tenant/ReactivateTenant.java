package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.messaging.PlatformAdministration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateTenant(@TargetAggregateIdentifier TenantId tenantId, String reason)
        implements TenantScoped, PlatformAdministration {
}
