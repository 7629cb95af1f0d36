package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;

/** The tenant's team: everyone invited, active or deactivated. */
public record ListStaff(TenantId tenantId) implements TenantScoped {
}
