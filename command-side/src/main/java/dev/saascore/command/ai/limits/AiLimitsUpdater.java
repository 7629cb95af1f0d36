package dev.saascore.command.ai.limits;

import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.ai.AiLimitsSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;

/** Keeps the limits table in step with the events, so the gateway admits by new limits the moment they commit. */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class AiLimitsUpdater {

    private final JdbcTemplate jdbc;

    AiLimitsUpdater(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AiLimitsSet event) {
        jdbc.update("""
                        INSERT INTO command_model.ai_limits
                            (tenant_id, monthly_token_budget, requests_per_minute, max_concurrent_requests, updated_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (tenant_id) DO UPDATE SET monthly_token_budget = EXCLUDED.monthly_token_budget,
                            requests_per_minute = EXCLUDED.requests_per_minute,
                            max_concurrent_requests = EXCLUDED.max_concurrent_requests, updated_at = EXCLUDED.updated_at""",
                event.tenantId().value(), event.limits().monthlyTokenBudget(), event.limits().requestsPerMinute(),
                event.limits().maxConcurrentRequests(), Timestamp.from(event.setAt()));
    }
}
