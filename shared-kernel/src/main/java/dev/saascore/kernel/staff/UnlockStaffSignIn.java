package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts a sign-in lockout (too many failed attempts) before it runs out. */
@SentBy({Role.OWNER, Role.ADMIN})
public record UnlockStaffSignIn(@TargetAggregateIdentifier TenantId tenantId, UserId userId, String reason)
        implements TenantScoped {
}
