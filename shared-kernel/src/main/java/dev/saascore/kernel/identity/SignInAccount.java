package dev.saascore.kernel.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;

import java.util.Set;

/**
 * What sign-in needs to know about an account.
 *
 * @param tenantId      null for platform staff
 * @param active        false while the person is deactivated by their tenant
 * @param tenantActive  false while the account's tenant is suspended (always true for platform staff)
 */
public record SignInAccount(
        UserId userId,
        TenantId tenantId,
        String email,
        String displayName,
        String passwordHash,
        Set<Role> roles,
        boolean active,
        boolean tenantActive) {

    public SignInAccount {
        roles = Set.copyOf(roles);
    }

    @Override
    public String toString() {
        return "SignInAccount[userId=" + userId + ", tenantId=" + tenantId + ", roles=" + roles + "]";
    }
}
