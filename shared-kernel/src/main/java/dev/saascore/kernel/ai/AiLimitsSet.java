package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record AiLimitsSet(TenantId tenantId, AiLimits limits, String reason, Instant setAt) implements TenantScoped {
}
