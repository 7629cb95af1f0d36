package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/** The gateway refused a call, and why. */
@Revision("1")
public record AiRequestRejected(UUID requestId, TenantId tenantId, BillingPeriod period, String actorId, String model,
                                AiRejectionReason reason, String detail, Instant occurredAt) implements TenantScoped {
}
