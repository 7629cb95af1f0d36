package dev.saascore.kernel.apikey;

import java.time.Instant;
import java.util.Set;

/**
 * One key as its tenant sees it: never the secret, only the prefix.
 *
 * @param expiresAt          null: never
 * @param monthlyTokenBudget null: no budget of its own
 * @param revokedAt          null while not revoked
 */
public record ApiKeySummary(ApiKeyId keyId, String name, String prefix, Set<ApiScope> scopes, Instant expiresAt,
                            Long monthlyTokenBudget, Instant createdAt, Instant revokedAt, String revokedReason) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public ApiKeySummary {
        scopes = ApiScope.setOf(scopes);
    }

    public Status status(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return ApiKeyRules.expired(expiresAt, now) ? Status.EXPIRED : Status.ACTIVE;
    }
}
