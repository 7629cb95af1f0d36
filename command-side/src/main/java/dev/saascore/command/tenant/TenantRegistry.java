package dev.saascore.command.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.TenantStatus;

/**
 * The command side's own list of tenants: claims slugs (unique across the platform) and knows which
 * tenants are suspended, consistently with the events (updated in the same transaction).
 */
public interface TenantRegistry {

    /** Claims the slug for the tenant; false when the slug (or the tenant id) is already registered. */
    boolean claim(TenantId tenantId, String slug);

    void changeStatus(TenantId tenantId, TenantStatus status);

    /** True once the tenant is onboarded (suspended or not). */
    boolean isRegistered(TenantId tenantId);
}
