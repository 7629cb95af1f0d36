package dev.saascore.query.tenancy;

import dev.saascore.kernel.TenantId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
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

    /** Scopes the running transaction to the tenant; {@code null} scopes it to no tenant (sees nothing). */
    public void enter(TenantId tenantId) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("The tenant can only be set inside a transaction");
        }
        jdbc.queryForObject("SELECT set_config('" + SETTING + "', ?, true)", String.class,
                tenantId == null ? "" : tenantId.toString());
    }
}
