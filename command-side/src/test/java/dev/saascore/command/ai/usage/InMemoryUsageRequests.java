package dev.saascore.command.ai.usage;

import dev.saascore.command.tenant.TenantRegistry;
import dev.saascore.kernel.TenantId;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** The claim contract in memory, for meter specs that run without a database. */
class InMemoryUsageRequests implements UsageRequests {

    final Set<UUID> claimed = new HashSet<>();
    private final TenantRegistry tenants;

    InMemoryUsageRequests(TenantRegistry tenants) {
        this.tenants = tenants;
    }

    @Override
    public Set<UUID> claim(TenantId tenantId, Collection<UUID> requestIds) {
        Set<UUID> fresh = new LinkedHashSet<>();
        if (tenants.isRegistered(tenantId)) {
            requestIds.stream().filter(claimed::add).forEach(fresh::add);
        }
        return fresh;
    }
}
