package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.messaging.PlatformAdministration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a tenant's AI limits (platform administrators; later driven by plans). */
public record SetAiLimits(@TargetAggregateIdentifier TenantId tenantId, AiLimits limits, String reason)
        implements TenantScoped, PlatformAdministration {
}
