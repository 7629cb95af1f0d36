package dev.saascore.query.apikey;

import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyList;
import dev.saascore.kernel.apikey.ApiKeySummary;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.ListApiKeys;
import dev.saascore.query.tenancy.TenantTransactions;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

@Component
class ApiKeyQueries {

    private static final String SELECT = """
            SELECT key_id, name, prefix, scopes, expires_at, monthly_token_budget, created_at, revoked_at, revoked_reason
            FROM read_model.api_key""";
    private static final RowMapper<ApiKeySummary> KEY = (rs, row) -> new ApiKeySummary(
            new ApiKeyId(rs.getObject("key_id", UUID.class)), rs.getString("name"), rs.getString("prefix"),
            Arrays.stream(rs.getString("scopes").split(",")).map(ApiScope::valueOf).collect(Collectors.toSet()),
            instant(rs.getTimestamp("expires_at")), rs.getObject("monthly_token_budget", Long.class),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("revoked_at")), rs.getString("revoked_reason"));

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;

    ApiKeyQueries(JdbcTemplate jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The caller guard has already checked the caller's tenant and role. Newest first, revoked ones last. */
    @QueryHandler
    ApiKeyList handle(ListApiKeys query) {
        return transactions.read(query.tenantId(), () -> new ApiKeyList(jdbc.query(SELECT
                        + " WHERE tenant_id = ? ORDER BY revoked_at IS NOT NULL, created_at DESC, key_id",
                KEY, query.tenantId().value())));
    }

    /** One key, read inside the caller's (the projection's) tenant-scoped transaction. */
    ApiKeySummary find(UUID tenantId, UUID keyId) {
        return jdbc.queryForObject(SELECT + " WHERE tenant_id = ? AND key_id = ?", KEY, tenantId, keyId);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
