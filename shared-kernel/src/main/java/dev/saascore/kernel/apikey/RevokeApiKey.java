package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a key for good; it stops authenticating the moment this commits. */
@SentBy({Role.OWNER, Role.ADMIN})
public record RevokeApiKey(@TargetAggregateIdentifier ApiKeyId keyId, TenantId tenantId, String reason)
        implements TenantScoped {
}
