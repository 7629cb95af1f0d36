package dev.saascore.command.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.TenantStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
class JdbcTenantRegistry implements TenantRegistry {

    private final JdbcTemplate jdbc;

    JdbcTenantRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(TenantId tenantId, String slug) {
        // ON CONFLICT keeps the transaction usable; a unique violation would abort it.
        return jdbc.update("""
                INSERT INTO command_model.tenant_registry (tenant_id, slug, status)
                VALUES (?, ?, 'ACTIVE') ON CONFLICT DO NOTHING""", tenantId.value(), slug) == 1;
    }

    @Override
    public void changeStatus(TenantId tenantId, TenantStatus status) {
        jdbc.update("UPDATE command_model.tenant_registry SET status = ? WHERE tenant_id = ?",
                status.name(), tenantId.value());
    }

    @Override
    public boolean isRegistered(TenantId tenantId) {
        return !jdbc.queryForList("SELECT 1 FROM command_model.tenant_registry WHERE tenant_id = ?", Integer.class,
                tenantId.value()).isEmpty();
    }
}
