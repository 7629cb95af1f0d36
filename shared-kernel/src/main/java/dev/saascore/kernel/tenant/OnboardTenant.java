package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.messaging.PlatformAdministration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a tenant and its first owner. The owner's password arrives already hashed by the edge; the
 * hash is stored as a credential by the handler and never enters an event.
 */
public record OnboardTenant(
        @TargetAggregateIdentifier TenantId tenantId,
        String name,
        String slug,
        UserId ownerId,
        String ownerName,
        String ownerEmail,
        String ownerPasswordHash) implements TenantScoped, PlatformAdministration {

    @Override
    public String toString() {
        // keep the hash out of logs
        return "OnboardTenant[tenantId=" + tenantId + ", slug=" + slug + ", ownerId=" + ownerId + "]";
    }
}
