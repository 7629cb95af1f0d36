package dev.saascore.command.apikey;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.apikey.ApiKeyAccount;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

@Repository
class JdbcApiKeys implements ApiKeys {

    private final JdbcTemplate jdbc;

    JdbcApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean add(CreateApiKey key) {
        // ON CONFLICT keeps the transaction usable; a unique violation would abort it.
        return jdbc.update("""
                        INSERT INTO command_model.api_key
                            (key_id, tenant_id, prefix, secret_hash, scopes, expires_at, monthly_token_budget)
                        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                key.keyId().value(), key.tenantId().value(), key.prefix(), key.secretHash(),
                key.scopes().stream().sorted().map(ApiScope::name).collect(Collectors.joining(",")),
                key.expiresAt() == null ? null : Timestamp.from(key.expiresAt()), key.monthlyTokenBudget()) == 1;
    }

    @Override
    public Optional<TenantId> tenantOf(ApiKeyId keyId) {
        return jdbc.queryForList("SELECT tenant_id FROM command_model.api_key WHERE key_id = ?", UUID.class,
                keyId.value()).stream().findFirst().map(TenantId::new);
    }

    @Override
    public void markRevoked(ApiKeyId keyId, Instant revokedAt) {
        jdbc.update("UPDATE command_model.api_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                Timestamp.from(revokedAt), keyId.value());
    }

    @Override
    public Optional<ApiKeyAccount> findForAuthentication(String secretHash) {
        return jdbc.query("""
                        SELECT k.key_id, k.tenant_id, k.scopes, k.expires_at, k.revoked_at IS NOT NULL AS revoked,
                               r.status = 'ACTIVE' AS tenant_active
                        FROM command_model.api_key k
                        JOIN command_model.tenant_registry r ON r.tenant_id = k.tenant_id
                        WHERE k.secret_hash = ?""",
                (rs, row) -> new ApiKeyAccount(
                        new ApiKeyId(rs.getObject("key_id", UUID.class)),
                        new TenantId(rs.getObject("tenant_id", UUID.class)),
                        Arrays.stream(rs.getString("scopes").split(",")).map(ApiScope::valueOf).collect(Collectors.toSet()),
                        rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
                        rs.getBoolean("revoked"),
                        rs.getBoolean("tenant_active")),
                secretHash).stream().findFirst();
    }
}
