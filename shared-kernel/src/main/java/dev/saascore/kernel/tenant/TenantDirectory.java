package dev.saascore.kernel.tenant;

import java.util.List;

public record TenantDirectory(List<TenantSummary> tenants) {

    public TenantDirectory {
        tenants = List.copyOf(tenants);
    }
}
