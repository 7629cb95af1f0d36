package dev.saascore.kernel.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** @param tenantId null for platform staff */
@Revision("1")
public record StaffPasswordChanged(TenantId tenantId, UserId userId, Instant changedAt) implements TenantScoped {
}
