package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;

import java.time.LocalDate;

/** A tenant's usage from {@code from} to {@code to} (UTC days, both included) for the Usage view. */
@SentBy({Role.OWNER, Role.ADMIN, Role.FINANCE, Role.AUDITOR})
public record FindAiUsageReport(TenantId tenantId, LocalDate from, LocalDate to) implements TenantScoped {
}
