package dev.saascore.kernel.tenant;

import dev.saascore.kernel.TenantId;

import java.time.Instant;

public record TenantProfile(
        TenantId tenantId,
        String name,
        String slug,
        String ownerName,
        String ownerEmail,
        TenantStatus status,
        String statusReason,
        Instant onboardedAt) {
}
