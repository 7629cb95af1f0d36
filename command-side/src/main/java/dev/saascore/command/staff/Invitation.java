package dev.saascore.command.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;

import java.time.Instant;

/** A pending invitation as stored: the token only as its hash. */
public record Invitation(UserId userId, TenantId tenantId, String email, Role role, String tokenHash,
                         Instant expiresAt) {

    @Override
    public String toString() {
        return "Invitation[userId=" + userId + ", tenantId=" + tenantId + ", role=" + role + "]";
    }
}
