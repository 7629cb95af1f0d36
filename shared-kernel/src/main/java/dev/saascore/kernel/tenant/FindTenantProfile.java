package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;

/** The signed-in tenant's own organisation profile. Answers empty for any other tenant. */
public record FindTenantProfile(TenantId tenantId) implements TenantScoped {
}
