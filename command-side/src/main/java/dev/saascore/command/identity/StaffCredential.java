package dev.saascore.command.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;

import java.util.Set;

/** A sign-in credential. Kept out of events: the hash lives only in the command model's credential table. */
public record StaffCredential(UserId userId, TenantId tenantId, String email, String displayName,
                              String passwordHash, Set<Role> roles) {

    @Override
    public String toString() {
        return "StaffCredential[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + "]";
    }
}
