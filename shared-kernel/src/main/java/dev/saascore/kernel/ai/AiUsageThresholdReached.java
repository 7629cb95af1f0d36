package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A tenant's recorded usage reached {@code percent} (80 or 100) of its period budget: once per period each. */
@Revision("1")
public record AiUsageThresholdReached(TenantId tenantId, BillingPeriod period, int percent, long tokensUsed,
                                      long tokenBudget, Instant reachedAt) implements TenantScoped {
}
