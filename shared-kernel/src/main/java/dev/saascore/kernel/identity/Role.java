package dev.saascore.kernel.identity;

import java.util.Arrays;
import java.util.List;

/** Roles a signed-in person can hold. Tenant roles act inside one tenant; platform roles across tenants. */
public enum Role {
    OWNER(Scope.TENANT),
    ADMIN(Scope.TENANT),
    MEMBER(Scope.TENANT),
    FINANCE(Scope.TENANT),
    AUDITOR(Scope.TENANT),
    PLATFORM_ADMIN(Scope.PLATFORM),
    PLATFORM_FINANCE(Scope.PLATFORM),
    PLATFORM_AUDITOR(Scope.PLATFORM);

    public enum Scope { TENANT, PLATFORM }

    private final Scope scope;

    Role(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    public static List<Role> tenantRoles() {
        return Arrays.stream(values()).filter(role -> role.scope == Scope.TENANT).toList();
    }
}
