package dev.saascore.kernel.tenant;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
