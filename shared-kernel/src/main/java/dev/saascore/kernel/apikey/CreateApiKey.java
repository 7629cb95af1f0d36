package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * Creates an API key of a tenant. The edge makes the key, shows it once and passes only its SHA-256 hash
 * and its visible prefix here; the key itself is never stored.
 *
 * @param expiresAt          null: the key does not expire
 * @param monthlyTokenBudget null: no budget of its own (the AI gateway enforces it)
 */
@SentBy({Role.OWNER, Role.ADMIN})
public record CreateApiKey(
        @TargetAggregateIdentifier ApiKeyId keyId,
        TenantId tenantId,
        String name,
        Set<ApiScope> scopes,
        Instant expiresAt,
        Long monthlyTokenBudget,
        String prefix,
        String secretHash) implements TenantScoped {

    @Override
    public String toString() {
        // keep the hash out of logs
        return "CreateApiKey[keyId=" + keyId + ", tenantId=" + tenantId + ", prefix=" + prefix + ", scopes=" + scopes + "]";
    }
}
