package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StaffRoleChanged(TenantId tenantId, UserId userId, Role previousRole, Role role, String reason)
        implements TenantScoped {
}
