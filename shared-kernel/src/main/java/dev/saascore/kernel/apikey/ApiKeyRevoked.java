package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ApiKeyRevoked(ApiKeyId keyId, TenantId tenantId, String reason, Instant revokedAt)
        implements TenantScoped {
}
