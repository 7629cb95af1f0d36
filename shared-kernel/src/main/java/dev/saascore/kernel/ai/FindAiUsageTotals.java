package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;

/** The recorded token totals of a tenant's period, from the usage read model: what Redis counters are rebuilt from. */
public record FindAiUsageTotals(TenantId tenantId, BillingPeriod period) implements TenantScoped {
}
