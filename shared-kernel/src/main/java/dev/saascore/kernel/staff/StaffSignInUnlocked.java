package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StaffSignInUnlocked(TenantId tenantId, UserId userId, String reason) implements TenantScoped {
}
