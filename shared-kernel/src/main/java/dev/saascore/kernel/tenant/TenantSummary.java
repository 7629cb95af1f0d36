package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;

import java.time.Instant;

public record TenantSummary(
        TenantId tenantId,
        String name,
        String slug,
        String ownerEmail,
        TenantStatus status,
        String statusReason,
        Instant onboardedAt) {
}
