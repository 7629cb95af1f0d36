package dev.saascore.command.tenant;

import dev.saascore.command.identity.StaffCredential;
import dev.saascore.command.identity.StaffCredentials;
import dev.saascore.kernel.identity.SignInAccount;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The credential store's contract in memory, for aggregate specs that run without a database. */
class InMemoryStaffCredentials implements StaffCredentials {

    final Map<String, StaffCredential> byEmail = new HashMap<>();

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
    public Optional<SignInAccount> findForSignIn(String email) {
        return Optional.ofNullable(byEmail.get(email)).map(c -> new SignInAccount(c.userId(), c.tenantId(),
                c.email(), c.displayName(), c.passwordHash(), c.roles(), true));
    }
}
