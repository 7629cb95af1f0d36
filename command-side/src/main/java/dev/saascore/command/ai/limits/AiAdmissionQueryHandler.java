package dev.saascore.command.ai.limits;

import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.FindAiAdmission;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Answers the gateway's admission lookups from the command model, in one round trip: the tenant's status, its
 * limits (else the configured defaults) and the calling key's own budget, only if the key is that tenant's.
 */
@Component
class AiAdmissionQueryHandler {

    private static final String ADMISSION = """
            SELECT r.status = 'ACTIVE' AS tenant_active,
                   l.monthly_token_budget, l.requests_per_minute, l.max_concurrent_requests,
                   (SELECT k.monthly_token_budget FROM command_model.api_key k
                    WHERE k.key_id = CAST(? AS uuid) AND k.tenant_id = r.tenant_id) AS api_key_budget
            FROM command_model.tenant_registry r
            LEFT JOIN command_model.ai_limits l ON l.tenant_id = r.tenant_id
            WHERE r.tenant_id = ?""";

    private final JdbcTemplate jdbc;
    private final AiDefaultLimits defaults;

    AiAdmissionQueryHandler(JdbcTemplate jdbc, AiDefaultLimits defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    /** An unknown tenant is answered like a suspended one: nothing is admitted. */
    @QueryHandler
    AiAdmission handle(FindAiAdmission query) {
        UUID keyId = query.apiKeyId() == null ? null : query.apiKeyId().value();
        return jdbc.query(ADMISSION, rows -> rows.next() ? admission(rows)
                        : new AiAdmission(false, defaults.limits(), false, null),
                keyId, query.tenantId().value());
    }

    private AiAdmission admission(ResultSet row) throws SQLException {
        Long budget = row.getObject("monthly_token_budget", Long.class);
        AiLimits limits = budget == null ? defaults.limits()
                : new AiLimits(budget, row.getInt("requests_per_minute"), row.getInt("max_concurrent_requests"));
        return new AiAdmission(row.getBoolean("tenant_active"), limits, budget != null,
                row.getObject("api_key_budget", Long.class));
    }
}
