package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;

import java.util.Objects;

/** Identifies one tenant's usage meter for one billing period; its text form is the aggregate identifier. */
public record UsageMeterId(TenantId tenantId, BillingPeriod period) {

    public UsageMeterId {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(period, "period");
    }

    @Override
    public String toString() {
        return tenantId + "/" + period;
    }
}
