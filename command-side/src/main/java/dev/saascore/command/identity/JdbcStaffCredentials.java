package dev.saascore.command.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.identity.SignInAccount;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@Repository
class JdbcStaffCredentials implements StaffCredentials {

    private final JdbcTemplate jdbc;

    JdbcStaffCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(StaffCredential credential) {
        return jdbc.update("""
                        INSERT INTO command_model.staff_credential
                            (user_id, tenant_id, email, display_name, password_hash, roles)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                credential.userId().value(), credential.tenantId() == null ? null : credential.tenantId().value(),
                credential.email(), credential.displayName(), credential.passwordHash(),
                roles(credential)) == 1;
    }

    @Override
    public boolean upsertPlatformStaff(StaffCredential credential) {
        return jdbc.update("""
                        INSERT INTO command_model.staff_credential
                            (user_id, tenant_id, email, display_name, password_hash, roles)
                        VALUES (?, NULL, ?, ?, ?, ?)
                        ON CONFLICT (email) DO UPDATE
                            SET display_name = EXCLUDED.display_name, password_hash = EXCLUDED.password_hash,
                                roles = EXCLUDED.roles, updated_at = now()
                            WHERE staff_credential.tenant_id IS NULL""",
                credential.userId().value(), credential.email(), credential.displayName(),
                credential.passwordHash(), roles(credential)) == 1;
    }

    @Override
    public Optional<SignInAccount> findForSignIn(String email) {
        return jdbc.query("""
                        SELECT c.user_id, c.tenant_id, c.email, c.display_name, c.password_hash, c.roles,
                               c.active, COALESCE(r.status, 'ACTIVE') AS tenant_status
                        FROM command_model.staff_credential c
                        LEFT JOIN command_model.tenant_registry r ON r.tenant_id = c.tenant_id
                        WHERE c.email = ?""",
                (rs, row) -> new SignInAccount(
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getObject("tenant_id") == null ? null : new TenantId(rs.getObject("tenant_id", UUID.class)),
                        rs.getString("email"),
                        rs.getString("display_name"),
                        rs.getString("password_hash"),
                        Arrays.stream(rs.getString("roles").split(",")).map(Role::valueOf).collect(Collectors.toSet()),
                        rs.getBoolean("active"),
                        "ACTIVE".equals(rs.getString("tenant_status"))),
                email).stream().findFirst();
    }

    @Override
    public boolean isInUse(String email) {
        return !jdbc.queryForList("SELECT 1 FROM command_model.staff_credential WHERE email = ?", Integer.class, email)
                .isEmpty();
    }

    @Override
    public void changeRole(UserId userId, Role role) {
        jdbc.update("UPDATE command_model.staff_credential SET roles = ?, updated_at = now() WHERE user_id = ?",
                role.name(), userId.value());
    }

    @Override
    public Optional<Owner> changePassword(UserId userId, String passwordHash) {
        return jdbc.query("""
                        UPDATE command_model.staff_credential SET password_hash = ?, updated_at = now()
                        WHERE user_id = ? RETURNING tenant_id""",
                (rs, row) -> new Owner(userId, rs.getObject("tenant_id") == null ? null
                        : new TenantId(rs.getObject("tenant_id", UUID.class))),
                passwordHash, userId.value()).stream().findFirst();
    }

    @Override
    public void changeActive(UserId userId, boolean active) {
        jdbc.update("UPDATE command_model.staff_credential SET active = ?, updated_at = now() WHERE user_id = ?",
                active, userId.value());
    }

    private static String roles(StaffCredential credential) {
        return credential.roles().stream().map(Role::name).sorted().collect(Collectors.joining(","));
    }
}
