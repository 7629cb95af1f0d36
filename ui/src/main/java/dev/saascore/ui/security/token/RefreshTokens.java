package dev.saascore.ui.security.token;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.SignInAccount;
import dev.saascore.ui.security.SecretTokens;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Opaque refresh tokens, stored only as hashes. Every refresh rotates: the presented token dies and a new
 * one of the same family is returned. A rotated token presented again means a copy exists: the caller
 * revokes the whole family.
 */
@Component
public class RefreshTokens {

    /** What presenting a refresh token led to. */
    public sealed interface Outcome {
    }

    public record Rotated(UUID familyId, UserId userId, String email, String newToken) implements Outcome {
    }

    public record Reused(UUID familyId, UserId userId, TenantId tenantId) implements Outcome {
    }

    public record Unknown() implements Outcome {
    }

    private final JdbcTemplate jdbc;
    private final TokenSettings settings;
    private final Clock clock;

    public RefreshTokens(JdbcTemplate jdbc, TokenSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts a new family (a sign-in) and returns its first token. */
    public String issue(SignInAccount account) {
        return issue(UUID.randomUUID(), account.userId(), account.tenantId(), account.email());
    }

    public int lifetimeSeconds() {
        return (int) settings.refreshTokenTtl().toSeconds();
    }

    /** Rotates in one statement, so two concurrent refreshes with one token cannot both succeed. */
    public Outcome rotate(String token) {
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        List<Outcome> rotated = jdbc.query("""
                        UPDATE auth.refresh_token SET rotated_at = ?
                        WHERE token_hash = ? AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > ?
                        RETURNING family_id, user_id, tenant_id, email""",
                (rs, row) -> {
                    UUID family = rs.getObject("family_id", UUID.class);
                    UserId user = new UserId(rs.getObject("user_id", UUID.class));
                    UUID tenant = rs.getObject("tenant_id", UUID.class);
                    String email = rs.getString("email");
                    return new Rotated(family, user, email,
                            issue(family, user, tenant == null ? null : new TenantId(tenant), email));
                },
                Timestamp.from(now), hash, Timestamp.from(now));
        if (!rotated.isEmpty()) {
            return rotated.get(0);
        }
        List<Outcome> reused = jdbc.query("""
                        SELECT family_id, user_id, tenant_id FROM auth.refresh_token
                        WHERE token_hash = ? AND rotated_at IS NOT NULL""",
                (rs, row) -> new Reused(rs.getObject("family_id", UUID.class),
                        new UserId(rs.getObject("user_id", UUID.class)),
                        rs.getObject("tenant_id") == null ? null : new TenantId(rs.getObject("tenant_id", UUID.class))),
                hash);
        return reused.isEmpty() ? new Unknown() : reused.get(0);
    }

    /** Ends every token of the family (logout, reuse, or an account that may no longer act). */
    public void revokeFamily(UUID familyId) {
        jdbc.update("UPDATE auth.refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), familyId);
    }

    /** The family of a token that has not been revoked yet, for logout. */
    public java.util.Optional<UUID> familyOf(String token) {
        return jdbc.queryForList("SELECT family_id FROM auth.refresh_token WHERE token_hash = ? AND revoked_at IS NULL",
                UUID.class, SecretTokens.hash(token)).stream().findFirst();
    }

    private String issue(UUID family, UserId user, TenantId tenant, String email) {
        String token = "rt_" + SecretTokens.newToken();
        jdbc.update("""
                        INSERT INTO auth.refresh_token (token_hash, family_id, user_id, tenant_id, email, issued_at, expires_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                SecretTokens.hash(token), family, user.value(), tenant == null ? null : tenant.value(), email,
                Timestamp.from(clock.instant()), Timestamp.from(clock.instant().plus(settings.refreshTokenTtl())));
        return token;
    }
}
