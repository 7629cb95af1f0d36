package dev.saascore.command.ai.gateway;

import dev.saascore.kernel.ai.BillingPeriod;

/**
 * A tenant's position in its period's token budget.
 *
 * @param tokensUsed     settled calls' tokens
 * @param tokensReserved held for calls still in flight
 * @param tokenBudget    the tenant's current monthly budget
 */
public record AiQuota(BillingPeriod period, long tokensUsed, long tokensReserved, long tokenBudget) {
}
