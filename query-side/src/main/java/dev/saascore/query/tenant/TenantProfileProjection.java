package dev.saascore.query.tenant;

import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Each tenant's own organisation profile (RLS table). Handlers are upserts, so a replay from the start
 * rebuilds the same rows without a reset. The event interceptor has already scoped the transaction to the
 * event's tenant; WHERE tenant_id = ? is still written because RLS is the guard, not the filter.
 */
@Component
@ProcessingGroup(TenantProfileProjection.PROCESSING_GROUP)
class TenantProfileProjection {

    static final String PROCESSING_GROUP = "tenant-profiles";

    private final JdbcTemplate jdbc;

    TenantProfileProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TenantOnboarded event) {
        jdbc.update("""
                        INSERT INTO read_model.tenant_profile
                            (tenant_id, name, slug, owner_name, owner_email, status, status_reason, onboarded_at)
                        VALUES (?, ?, ?, ?, ?, 'ACTIVE', NULL, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET name = EXCLUDED.name, slug = EXCLUDED.slug,
                            owner_name = EXCLUDED.owner_name, owner_email = EXCLUDED.owner_email,
                            onboarded_at = EXCLUDED.onboarded_at""",
                event.tenantId().value(), event.name(), event.slug(), event.ownerName(), event.ownerEmail(),
                Timestamp.from(event.onboardedAt()));
    }

    @EventHandler
    void on(TenantSuspended event) {
        changeStatus(event.tenantId().value(), TenantStatus.SUSPENDED, event.reason(), event.suspendedAt());
    }

    @EventHandler
    void on(TenantReactivated event) {
        changeStatus(event.tenantId().value(), TenantStatus.ACTIVE, event.reason(), event.reactivatedAt());
    }

    private void changeStatus(java.util.UUID tenantId, TenantStatus status, String reason, Instant at) {
        jdbc.update("""
                UPDATE read_model.tenant_profile SET status = ?, status_reason = ?, status_changed_at = ?
                WHERE tenant_id = ?""", status.name(), reason, Timestamp.from(at), tenantId);
    }
}
