package dev.saascore.kernel.identity;

/** Roles a signed-in person can hold. Tenant roles act inside one tenant; platform roles across tenants. */
public enum Role {
    OWNER(Scope.TENANT),
    PLATFORM_ADMIN(Scope.PLATFORM);

    public enum Scope { TENANT, PLATFORM }

    private final Scope scope;

    Role(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }
}
