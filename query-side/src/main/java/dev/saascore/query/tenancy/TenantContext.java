package dev.saascore.query.tenancy;

import dev.saascore.kernel.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sets the tenant that row-level security filters on, for the current transaction only
 * ({@code set_config(..., true)}, a bind parameter, never {@code SET SESSION}), so a pooled connection
 * cannot carry one tenant's setting into another tenant's work.
 */
@Component
public class TenantContext {

    static final String SETTING = "app.current_tenant";

    private final JdbcTemplate jdbc;

    public TenantContext(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Scopes the running transaction to the tenant; {@code null} scopes it to no tenant (sees nothing). A
     * transaction already scoped to that tenant is left as it is: a processor's batch of one tenant's events costs
     * one statement, not one per event.
     */
    public void enter(TenantId tenantId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The tenant can only be set inside a transaction");
        }
        String tenant = tenantId == null ? "" : tenantId.toString();
        ScopedTenant scoped = scopedTenant();
        if (tenant.equals(scoped.tenant)) {
            return;
        }
        jdbc.queryForObject("SELECT set_config('" + SETTING + "', ?, true)", String.class, tenant);
        scoped.tenant = tenant;
    }

    /** The tenant this transaction is scoped to so far, forgotten when the transaction ends. */
    private ScopedTenant scopedTenant() {
        ScopedTenant scoped = (ScopedTenant) TransactionSynchronizationManager.getResource(this);
        if (scoped == null) {
            ScopedTenant fresh = new ScopedTenant();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TenantContext.this);
                }
            });
            return fresh;
        }
        return scoped;
    }

    private static final class ScopedTenant {
        /** As set with set_config; null: not set yet in this transaction. */
        private String tenant;
    }
}
