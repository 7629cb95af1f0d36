package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TenantSuspended(TenantId tenantId, String reason, Instant suspendedAt) implements TenantScoped {
}
