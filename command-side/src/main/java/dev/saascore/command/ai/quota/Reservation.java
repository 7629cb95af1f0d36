package dev.saascore.command.ai.quota;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.BillingPeriod;

import java.time.Duration;
import java.util.UUID;

/**
 * A request to hold tokens for one call, and afterwards the handle to settle or refund it.
 *
 * @param apiKeyId        null when a staff member calls
 * @param estimatedTokens prompt tokens (tokenizer) + the max_tokens cap: the most the call may use
 * @param apiKeyBudget    the key's own period budget; null: none
 * @param ttl             how long the hold lives if nobody settles or refunds it (a crashed node)
 */
public record Reservation(TenantId tenantId, BillingPeriod period, UUID requestId, String apiKeyId,
                          long estimatedTokens, AiLimits limits, Long apiKeyBudget, Duration ttl) {
}
