package dev.saascore.kernel.apikey;

import dev.saascore.kernel.TenantId;

import java.time.Instant;
import java.util.Set;

/**
 * What authentication needs to know about a key.
 *
 * @param expiresAt    null: never
 * @param tenantActive false while the key's tenant is suspended
 */
public record ApiKeyAccount(ApiKeyId keyId, TenantId tenantId, Set<ApiScope> scopes, Instant expiresAt,
                            boolean revoked, boolean tenantActive) {

    public ApiKeyAccount {
        scopes = ApiScope.setOf(scopes);
    }

    /** True when the key may authenticate at that instant: not revoked, not expired, tenant not suspended. */
    public boolean usableAt(Instant now) {
        return !revoked && tenantActive && !ApiKeyRules.expired(expiresAt, now);
    }
}
