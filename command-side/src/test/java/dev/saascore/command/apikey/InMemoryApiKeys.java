package dev.saascore.command.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.CreateApiKey;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The key table's contract in memory, for aggregate specs that run without a database. */
class InMemoryApiKeys implements ApiKeys {

    final Map<ApiKeyId, CreateApiKey> byId = new HashMap<>();
    final Map<ApiKeyId, Instant> revoked = new HashMap<>();

    @Override
    public boolean add(CreateApiKey key) {
        boolean taken = byId.containsKey(key.keyId()) || byId.values().stream().anyMatch(
                existing -> existing.prefix().equals(key.prefix()) || existing.secretHash().equals(key.secretHash()));
        if (taken) {
            return false;
        }
        byId.put(key.keyId(), key);
        return true;
    }

    @Override
    public Optional<TenantId> tenantOf(ApiKeyId keyId) {
        return Optional.ofNullable(byId.get(keyId)).map(CreateApiKey::tenantId);
    }

    @Override
    public void markRevoked(ApiKeyId keyId, Instant revokedAt) {
        revoked.putIfAbsent(keyId, revokedAt);
    }

    @Override
    public Optional<ApiKeyAccount> findForAuthentication(String secretHash) {
        return byId.values().stream().filter(key -> key.secretHash().equals(secretHash)).findFirst()
                .map(key -> new ApiKeyAccount(key.keyId(), key.tenantId(), key.scopes(), key.expiresAt(),
                        revoked.containsKey(key.keyId()), true));
    }
}
