package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Set;

/**
 * A key was created. Its hash stays out of history (it lives only in the command model); the prefix is the
 * part people see to tell keys apart.
 *
 * @param expiresAt          null: never
 * @param monthlyTokenBudget null: no budget of its own
 */
@Revision("1")
public record ApiKeyCreated(ApiKeyId keyId, TenantId tenantId, String name, Set<ApiScope> scopes, String prefix,
                            Instant expiresAt, Long monthlyTokenBudget, Instant createdAt) implements TenantScoped {

    public ApiKeyCreated {
        scopes = ApiScope.setOf(scopes);
    }
}
