package dev.saascore.command.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.CreateApiKey;

import java.time.Instant;
import java.util.Optional;

/**
 * The command model's keys: hash, prefix, scopes, expiry and revocation, kept in the command's transaction.
 * Global (not per tenant): a presented key is looked up by its hash before any tenant is known.
 */
public interface ApiKeys {

    /** Stores the key; false when its id, prefix or hash is already taken. */
    boolean add(CreateApiKey key);

    /** The tenant a key belongs to, if the key exists. */
    Optional<TenantId> tenantOf(ApiKeyId keyId);

    void markRevoked(ApiKeyId keyId, Instant revokedAt);

    Optional<ApiKeyAccount> findForAuthentication(String secretHash);
}
