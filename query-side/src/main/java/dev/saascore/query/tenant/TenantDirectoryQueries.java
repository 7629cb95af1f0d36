package dev.saascore.query.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSummary;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** Platform-wide queries; the caller guard admits only platform administrators ({@link ListTenants}). */
@Component
class TenantDirectoryQueries {

    private static final String SELECT = """
            SELECT tenant_id, name, slug, owner_email, status, status_reason, onboarded_at
            FROM platform.tenant_directory""";
    private static final RowMapper<TenantSummary> SUMMARY = (rs, row) -> new TenantSummary(
            new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("name"), rs.getString("slug"),
            rs.getString("owner_email"), TenantStatus.valueOf(rs.getString("status")),
            rs.getString("status_reason"), rs.getTimestamp("onboarded_at").toInstant());

    private final JdbcTemplate jdbc;

    TenantDirectoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    TenantDirectory handle(ListTenants query) {
        return new TenantDirectory(jdbc.query(SELECT + " ORDER BY onboarded_at DESC, slug", SUMMARY));
    }

    TenantSummary find(UUID tenantId) {
        return jdbc.queryForObject(SELECT + " WHERE tenant_id = ?", SUMMARY, tenantId);
    }
}
