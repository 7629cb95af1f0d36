package dev.saascore.command.tenant;

import dev.saascore.command.identity.StaffCredential;
import dev.saascore.command.identity.StaffCredentials;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.identity.SignInAccount;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The credential store's contract in memory, for aggregate specs that run without a database. */
class InMemoryStaffCredentials implements StaffCredentials {

    final Map<String, StaffCredential> byEmail = new HashMap<>();
    final Set<UserId> inactive = new HashSet<>();

    @Override
    public boolean add(StaffCredential credential) {
        return byEmail.putIfAbsent(credential.email(), credential) == null;
    }

    @Override
    public boolean upsertPlatformStaff(StaffCredential credential) {
        StaffCredential existing = byEmail.get(credential.email());
        if (existing != null && existing.tenantId() != null) {
            return false;
        }
        byEmail.put(credential.email(), credential);
        return true;
    }

    @Override
    public boolean isInUse(String email) {
        return byEmail.containsKey(email);
    }

    @Override
    public void changeRole(UserId userId, Role role) {
        byEmail.replaceAll((email, c) -> c.userId().equals(userId)
                ? new StaffCredential(c.userId(), c.tenantId(), c.email(), c.displayName(), c.passwordHash(), Set.of(role)) : c);
    }

    @Override
    public Optional<Owner> changePassword(UserId userId, String passwordHash) {
        return byEmail.values().stream().filter(c -> c.userId().equals(userId)).findFirst().map(c -> {
            byEmail.put(c.email(), new StaffCredential(c.userId(), c.tenantId(), c.email(), c.displayName(), passwordHash, c.roles()));
            return new Owner(c.userId(), c.tenantId());
        });
    }

    @Override
    public void changeActive(UserId userId, boolean active) {
        if (active) {
            inactive.remove(userId);
        } else {
            inactive.add(userId);
        }
    }

    @Override
    public Optional<SignInAccount> findForSignIn(String email) {
        return Optional.ofNullable(byEmail.get(email)).map(c -> new SignInAccount(c.userId(), c.tenantId(),
                c.email(), c.displayName(), c.passwordHash(), c.roles(), !inactive.contains(c.userId()), true));
    }
}
