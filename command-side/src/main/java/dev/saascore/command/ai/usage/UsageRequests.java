package dev.saascore.command.ai.usage;

import dev.saascore.kernel.TenantId;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * The request ids the usage meters have recorded, across all tenants and periods: what makes recording
 * idempotent. Claims are part of the recording command's transaction, so a refused or failed command claims
 * nothing.
 */
public interface UsageRequests {

    /**
     * Claims the ids not claimed before and returns them. Claims nothing for a tenant that is not registered.
     * A batch that overlaps one still being recorded waits for it and then gets only the ids it left.
     */
    Set<UUID> claim(TenantId tenantId, Collection<UUID> requestIds);
}
