package dev.saascore.command.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

@Repository
class JdbcInvitations implements Invitations {

    private final JdbcTemplate jdbc;

    JdbcInvitations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(Invitation invitation) {
        // an expired, never accepted invitation no longer blocks its address
        jdbc.update("DELETE FROM command_model.staff_invitation WHERE email = ? AND accepted_at IS NULL AND expires_at <= now()",
                invitation.email());
        return jdbc.update("""
                        INSERT INTO command_model.staff_invitation (user_id, tenant_id, email, role, token_hash, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                invitation.userId().value(), invitation.tenantId().value(), invitation.email(),
                invitation.role().name(), invitation.tokenHash(), Timestamp.from(invitation.expiresAt())) == 1;
    }

    @Override
    public Optional<Invitation> redeem(String tokenHash) {
        // one statement: two people racing with the same link cannot both redeem it
        return jdbc.query("""
                        UPDATE command_model.staff_invitation SET accepted_at = now()
                        WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > now()
                        RETURNING user_id, tenant_id, email, role, token_hash, expires_at""",
                (rs, row) -> new Invitation(new UserId(rs.getObject("user_id", UUID.class)),
                        new TenantId(rs.getObject("tenant_id", UUID.class)), rs.getString("email"),
                        Role.valueOf(rs.getString("role")), rs.getString("token_hash"),
                        rs.getTimestamp("expires_at").toInstant()),
                tokenHash).stream().findFirst();
    }
}
