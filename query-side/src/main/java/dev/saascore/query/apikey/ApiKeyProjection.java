package dev.saascore.query.apikey;

import dev.saascore.kernel.apikey.ApiKeyCreated;
import dev.saascore.kernel.apikey.ApiKeyRevoked;
import dev.saascore.kernel.apikey.ApiKeySummary;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.ListApiKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Each tenant's API keys (RLS table). Idempotent upserts, so a replay rebuilds it without a reset. Every
 * change is also pushed to open {@link ListApiKeys} subscriptions of that tenant.
 */
@Component
@ProcessingGroup("api-keys")
class ApiKeyProjection {

    private final JdbcTemplate jdbc;
    private final ApiKeyQueries queries;
    private final QueryUpdateEmitter updates;

    ApiKeyProjection(JdbcTemplate jdbc, ApiKeyQueries queries, QueryUpdateEmitter updates) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.updates = updates;
    }

    @EventHandler
    void on(ApiKeyCreated event) {
        jdbc.update("""
                        INSERT INTO read_model.api_key
                            (tenant_id, key_id, name, prefix, scopes, expires_at, monthly_token_budget, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id, key_id) DO UPDATE SET name = EXCLUDED.name, prefix = EXCLUDED.prefix,
                            scopes = EXCLUDED.scopes, expires_at = EXCLUDED.expires_at,
                            monthly_token_budget = EXCLUDED.monthly_token_budget, created_at = EXCLUDED.created_at""",
                event.tenantId().value(), event.keyId().value(), event.name(), event.prefix(),
                event.scopes().stream().map(ApiScope::name).collect(Collectors.joining(",")),
                timestamp(event.expiresAt()), event.monthlyTokenBudget(), timestamp(event.createdAt()));
        publish(event.tenantId().value(), event.keyId().value());
    }

    @EventHandler
    void on(ApiKeyRevoked event) {
        jdbc.update("""
                        UPDATE read_model.api_key SET revoked_at = ?, revoked_reason = ?
                        WHERE tenant_id = ? AND key_id = ?""",
                timestamp(event.revokedAt()), event.reason(), event.tenantId().value(), event.keyId().value());
        publish(event.tenantId().value(), event.keyId().value());
    }

    private void publish(UUID tenantId, UUID keyId) {
        ApiKeySummary key = queries.find(tenantId, keyId);
        updates.emit(ListApiKeys.class, query -> query.tenantId().value().equals(tenantId), key);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
