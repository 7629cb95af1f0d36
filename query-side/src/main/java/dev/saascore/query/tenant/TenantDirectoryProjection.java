package dev.saascore.query.tenant;

import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import dev.saascore.kernel.tenant.TenantSummary;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The platform-wide tenant directory: a non-tenant table (schema {@code platform}) served only to platform
 * administrators. Every change is also pushed to open {@link ListTenants} subscriptions.
 */
@Component
@ProcessingGroup(TenantDirectoryProjection.PROCESSING_GROUP)
class TenantDirectoryProjection {

    static final String PROCESSING_GROUP = "tenant-directory";

    private final JdbcTemplate jdbc;
    private final TenantDirectoryQueries queries;
    private final QueryUpdateEmitter updates;

    TenantDirectoryProjection(JdbcTemplate jdbc, TenantDirectoryQueries queries, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.updates = updates;
    }

    @EventHandler
    void on(TenantOnboarded event) {
        jdbc.update("""
                        INSERT INTO platform.tenant_directory
                            (tenant_id, name, slug, owner_email, status, status_reason, onboarded_at)
                        VALUES (?, ?, ?, ?, 'ACTIVE', NULL, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug,
                            owner_email = EXCLUDED.owner_email, onboarded_at = EXCLUDED.onboarded_at""",
                event.tenantId().value(), event.name(), event.slug(), event.ownerEmail(),
                Timestamp.from(event.onboardedAt()));
        publish(event.tenantId().value());
    }

    @EventHandler
    void on(TenantSuspended event) {
        changeStatus(event.tenantId().value(), TenantStatus.SUSPENDED, event.reason(), event.suspendedAt());
    }

    @EventHandler
    void on(TenantReactivated event) {
        changeStatus(event.tenantId().value(), TenantStatus.ACTIVE, event.reason(), event.reactivatedAt());
    }

    private void changeStatus(UUID tenantId, TenantStatus status, String reason, Instant at) {
        jdbc.update("""
                UPDATE platform.tenant_directory SET status = ?, status_reason = ?, status_changed_at = ?
                WHERE tenant_id = ?""", status.name(), reason, Timestamp.from(at), tenantId);
        publish(tenantId);
    }

    private void publish(UUID tenantId) {
        TenantSummary summary = queries.find(tenantId);
        updates.emit(ListTenants.class, query -> true, summary);
    }
}
