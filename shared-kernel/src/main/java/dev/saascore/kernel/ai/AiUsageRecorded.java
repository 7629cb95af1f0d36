package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A gateway call was settled and is billable.
 *
 * @param actorId the staff member's user id, or {@code apikey:<key id>}
 * @param costKwd exact cost at six decimals; rounded to fils only on invoice lines
 * @param periodTokenBudget the tenant's period budget the call was admitted against (what usage views and
 *                          banners measure the period's usage by)
 */
@Revision("1")
public record AiUsageRecorded(UUID requestId, TenantId tenantId, BillingPeriod period, String actorId, String model,
                              long promptTokens, long completionTokens, BigDecimal costKwd, long latencyMillis,
                              boolean streamed, Instant occurredAt, long periodTokenBudget) implements TenantScoped {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
