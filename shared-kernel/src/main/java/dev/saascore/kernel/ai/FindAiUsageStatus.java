package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;

/** How far a tenant's recorded usage is into the budget of a period, for banners. */
public record FindAiUsageStatus(TenantId tenantId, BillingPeriod period) implements TenantScoped {
}
