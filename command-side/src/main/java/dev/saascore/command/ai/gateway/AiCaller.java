package dev.saascore.command.ai.gateway;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyId;

import java.util.Objects;

/**
 * Who makes a gateway call: a tenant's staff member or one of its API keys.
 *
 * @param actorId  the user id, or {@code apikey:<key id>}
 * @param apiKeyId null for staff
 */
public record AiCaller(TenantId tenantId, String actorId, ApiKeyId apiKeyId) {

    public AiCaller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(actorId, "actorId");
    }
}
