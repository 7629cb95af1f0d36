package dev.saascore.command.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.TenantStatus;

import java.util.HashMap;
import java.util.Map;

/** The registry's contract in memory, for aggregate specs that run without a database. */
public class InMemoryTenantRegistry implements TenantRegistry {

    private final Map<String, TenantId> slugs = new HashMap<>();
    final Map<TenantId, TenantStatus> statuses = new HashMap<>();

    @Override
    public boolean claim(TenantId tenantId, String slug) {
        if (slugs.containsKey(slug) || statuses.containsKey(tenantId)) {
            return false;
        }
        slugs.put(slug, tenantId);
        statuses.put(tenantId, TenantStatus.ACTIVE);
        return true;
    }

    @Override
    public void changeStatus(TenantId tenantId, TenantStatus status) {
        statuses.put(tenantId, status);
    }

    @Override
    public boolean isRegistered(TenantId tenantId) {
        return statuses.containsKey(tenantId);
    }
}
