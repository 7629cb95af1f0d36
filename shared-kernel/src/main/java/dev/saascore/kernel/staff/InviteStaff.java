package dev.saascore.kernel.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.SentBy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Invites a person by e-mail. The edge makes the single-use token, sends the link and passes only the
 * token's SHA-256 hash here; the token itself is never stored.
 */
@SentBy({Role.OWNER, Role.ADMIN})
public record InviteStaff(
        @TargetAggregateIdentifier TenantId tenantId,
        UserId userId,
        String email,
        Role role,
        String tokenHash,
        Instant expiresAt) implements TenantScoped {

    @Override
    public String toString() {
        return "InviteStaff[tenantId=" + tenantId + ", userId=" + userId + ", role=" + role + "]";
    }
}
