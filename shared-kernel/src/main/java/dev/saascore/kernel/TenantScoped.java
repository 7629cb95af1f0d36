package dev.saascore.kernel;

/**
 * A command, event or query that belongs to one tenant. The tenant travels in the payload (so auditors
 * see it in history) and in metadata (so interceptors can compare it with the caller's tenant).
 */
public interface TenantScoped {
    TenantId tenantId();
}
