package dev.saascore.query.staff;

import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.StaffDeactivated;
import dev.saascore.kernel.staff.StaffInvited;
import dev.saascore.kernel.staff.StaffJoined;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffReactivated;
import dev.saascore.kernel.staff.StaffRoleChanged;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.tenant.TenantOnboarded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Each tenant's team (RLS table). Idempotent upserts, so a replay rebuilds it without a reset. Every change
 * is also pushed to open {@link ListStaff} subscriptions of that tenant.
 */
@Component
@ProcessingGroup("staff")
class StaffProjection {

    private final JdbcTemplate jdbc;
    private final StaffQueries queries;
    private final QueryUpdateEmitter updates;

    StaffProjection(JdbcTemplate jdbc, StaffQueries queries, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.updates = updates;
    }

    @EventHandler
    void on(TenantOnboarded event) {
        upsert(event.tenantId().value(), event.ownerId().value(), event.ownerEmail(), event.ownerName(), "OWNER",
                StaffStatus.ACTIVE, event.onboardedAt());
    }

    @EventHandler
    void on(StaffInvited event, @Timestamp Instant at) {
        upsert(event.tenantId().value(), event.userId().value(), event.email(), null, event.role().name(),
                StaffStatus.INVITED, at);
    }

    @EventHandler
    void on(StaffJoined event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE read_model.staff_member SET display_name = ?, role = ?, status = 'ACTIVE', updated_at = ?
                WHERE tenant_id = ? AND user_id = ?""", event.displayName(), event.role().name(),
                java.sql.Timestamp.from(at), event.tenantId().value(), event.userId().value());
        publish(event.tenantId().value(), event.userId().value());
    }

    @EventHandler
    void on(StaffRoleChanged event, @Timestamp Instant at) {
        jdbc.update("UPDATE read_model.staff_member SET role = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?",
                event.role().name(), java.sql.Timestamp.from(at), event.tenantId().value(), event.userId().value());
        publish(event.tenantId().value(), event.userId().value());
    }

    @EventHandler
    void on(StaffDeactivated event, @Timestamp Instant at) {
        changeStatus(event.tenantId().value(), event.userId().value(), StaffStatus.DEACTIVATED, at);
    }

    /** Back to where they were: active if they had joined, else still invited (only joining sets a name). */
    @EventHandler
    void on(StaffReactivated event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE read_model.staff_member
                SET status = CASE WHEN display_name IS NULL THEN 'INVITED' ELSE 'ACTIVE' END, updated_at = ?
                WHERE tenant_id = ? AND user_id = ?""",
                java.sql.Timestamp.from(at), event.tenantId().value(), event.userId().value());
        publish(event.tenantId().value(), event.userId().value());
    }

    private void upsert(UUID tenantId, UUID userId, String email, String displayName, String role,
                        StaffStatus status, Instant at) {
        jdbc.update("""
                        INSERT INTO read_model.staff_member
                            (tenant_id, user_id, email, display_name, role, status, invited_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = EXCLUDED.email,
                            display_name = EXCLUDED.display_name, role = EXCLUDED.role, status = EXCLUDED.status,
                            invited_at = EXCLUDED.invited_at, updated_at = EXCLUDED.updated_at""",
                tenantId, userId, email, displayName, role, status.name(), java.sql.Timestamp.from(at),
                java.sql.Timestamp.from(at));
        publish(tenantId, userId);
    }

    private void changeStatus(UUID tenantId, UUID userId, StaffStatus status, Instant at) {
        jdbc.update("UPDATE read_model.staff_member SET status = ?, updated_at = ? WHERE tenant_id = ? AND user_id = ?",
                status.name(), java.sql.Timestamp.from(at), tenantId, userId);
        publish(tenantId, userId);
    }

    private void publish(UUID tenantId, UUID userId) {
        StaffMember member = queries.find(tenantId, userId);
        updates.emit(ListStaff.class, query -> query.tenantId().value().equals(tenantId), member);
    }
}
