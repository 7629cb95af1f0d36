package dev.saascore.command.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.identity.SignInAccount;

import java.util.Optional;

/** Stores sign-in credentials. E-mail addresses are unique across the platform (sign-in has no tenant yet). */
public interface StaffCredentials {

    /** Adds the credential; false when the e-mail address (or user id) is already in use. */
    boolean add(StaffCredential credential);

    /** Creates or updates a platform-staff credential; false when the address belongs to tenant staff. */
    boolean upsertPlatformStaff(StaffCredential credential);

    Optional<SignInAccount> findForSignIn(String email);

    boolean isInUse(String email);

    void changeRole(UserId userId, Role role);

    /** Whose password changed: the tenant is null for platform staff. */
    record Owner(UserId userId, TenantId tenantId) {
    }

    /** Replaces the password hash; empty when there is no such account. */
    Optional<Owner> changePassword(UserId userId, String passwordHash);

    /** Deactivated staff keep their credential but cannot sign in. */
    void changeActive(UserId userId, boolean active);
}
