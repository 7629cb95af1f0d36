package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;

/** The tenant's API keys, revoked ones included; for those who manage them only. */
@SentBy({Role.OWNER, Role.ADMIN})
public record ListApiKeys(TenantId tenantId) implements TenantScoped {
}
