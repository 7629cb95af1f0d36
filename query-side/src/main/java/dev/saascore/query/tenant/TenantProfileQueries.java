package dev.saascore.query.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.query.tenancy.TenantTransactions;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class TenantProfileQueries {

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;

    TenantProfileQueries(JdbcTemplate jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The caller guard has already checked that the caller belongs to this tenant. */
    @QueryHandler
    Optional<TenantProfile> handle(FindTenantProfile query) {
        TenantId tenantId = query.tenantId();
        return transactions.read(tenantId, () -> jdbc.query("""
                        SELECT name, slug, owner_name, owner_email, status, status_reason, onboarded_at
                        FROM read_model.tenant_profile WHERE tenant_id = ?""",
                (rs, row) -> new TenantProfile(tenantId, rs.getString("name"), rs.getString("slug"),
                        rs.getString("owner_name"), rs.getString("owner_email"),
                        TenantStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                        rs.getTimestamp("onboarded_at").toInstant()),
                tenantId.value()).stream().findFirst());
    }
}
