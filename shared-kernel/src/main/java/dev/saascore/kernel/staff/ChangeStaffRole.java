package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

@SentBy({Role.OWNER, Role.ADMIN})
public record ChangeStaffRole(@TargetAggregateIdentifier TenantId tenantId, UserId userId, Role role, String reason)
        implements TenantScoped {
}
