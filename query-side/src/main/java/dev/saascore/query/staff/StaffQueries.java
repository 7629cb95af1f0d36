package dev.saascore.query.staff;

import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.StaffList;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.query.tenancy.TenantTransactions;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.util.UUID;

@Component
class StaffQueries {

    private static final String SELECT =
            "SELECT user_id, email, display_name, role, status, invited_at FROM read_model.staff_member";
    private static final RowMapper<StaffMember> MEMBER = (rs, row) -> new StaffMember(
            new UserId(rs.getObject("user_id", UUID.class)), rs.getString("email"), rs.getString("display_name"),
            Role.valueOf(rs.getString("role")), StaffStatus.valueOf(rs.getString("status")),
            rs.getTimestamp("invited_at").toInstant());

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;

    StaffQueries(JdbcTemplate jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The caller guard has already checked that the caller belongs to this tenant. */
    @QueryHandler
    StaffList handle(ListStaff query) {
        return transactions.read(query.tenantId(), () -> new StaffList(jdbc.query(SELECT
                        + " WHERE tenant_id = ? ORDER BY status = 'DEACTIVATED', lower(coalesce(display_name, email))",
                MEMBER, query.tenantId().value())));
    }

    /** One member, read inside the caller's (the projection's) tenant-scoped transaction. */
    StaffMember find(UUID tenantId, UUID userId) {
        return jdbc.queryForObject(SELECT + " WHERE tenant_id = ? AND user_id = ?", MEMBER, tenantId, userId);
    }
}
