package dev.saascore.query.ai;

import dev.saascore.kernel.ai.AiRequestRejected;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.AiUsageThresholdReached;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Each tenant's AI usage (RLS tables). Every event is one statement: the call's (or refusal's) row is inserted
 * first, and the daily and period sums grow only from a row that was new, so redelivered events change nothing.
 * A replay therefore needs the reset, which starts the tables over.
 */
@Component
@ProcessingGroup(AiUsageProjection.PROCESSING_GROUP)
class AiUsageProjection {

    static final String PROCESSING_GROUP = "ai-usage";

    private final JdbcTemplate jdbc;

    AiUsageProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AiUsageRecorded event) {
        jdbc.update("""
                        WITH new_call AS (
                            INSERT INTO read_model.ai_usage_call (tenant_id, request_id, period, day, model, actor_id,
                                prompt_tokens, completion_tokens, cost_kwd, latency_ms, streamed, occurred_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING
                            RETURNING *
                        ), daily AS (
                            INSERT INTO read_model.ai_usage_daily AS d (tenant_id, day, model, actor_id, calls,
                                prompt_tokens, completion_tokens, cost_kwd)
                            SELECT tenant_id, day, model, actor_id, 1, prompt_tokens, completion_tokens, cost_kwd FROM new_call
                            ON CONFLICT (tenant_id, day, model, actor_id) DO UPDATE SET calls = d.calls + 1,
                                prompt_tokens = d.prompt_tokens + EXCLUDED.prompt_tokens,
                                completion_tokens = d.completion_tokens + EXCLUDED.completion_tokens,
                                cost_kwd = d.cost_kwd + EXCLUDED.cost_kwd
                        )
                        INSERT INTO read_model.ai_usage_period AS p (tenant_id, period, tokens, cost_kwd, calls, token_budget)
                        SELECT tenant_id, period, prompt_tokens + completion_tokens, cost_kwd, 1, ? FROM new_call
                        ON CONFLICT (tenant_id, period) DO UPDATE SET tokens = p.tokens + EXCLUDED.tokens,
                            cost_kwd = p.cost_kwd + EXCLUDED.cost_kwd, calls = p.calls + 1,
                            token_budget = EXCLUDED.token_budget""",
                event.tenantId().value(), event.requestId(), event.period().toString(), day(event.occurredAt()),
                event.model(), event.actorId(), event.promptTokens(), event.completionTokens(), event.costKwd(),
                event.latencyMillis(), event.streamed(), Timestamp.from(event.occurredAt()), event.periodTokenBudget());
    }

    @EventHandler
    void on(AiRequestRejected event) {
        jdbc.update("""
                        WITH rejection AS (
                            INSERT INTO read_model.ai_rejection (tenant_id, request_id, period, day, occurred_at,
                                actor_id, model, reason, detail)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT DO NOTHING
                            RETURNING tenant_id, period
                        )
                        INSERT INTO read_model.ai_usage_period AS p (tenant_id, period, rejected)
                        SELECT tenant_id, period, 1 FROM rejection
                        ON CONFLICT (tenant_id, period) DO UPDATE SET rejected = p.rejected + 1""",
                event.tenantId().value(), event.requestId(), event.period().toString(), day(event.occurredAt()),
                Timestamp.from(event.occurredAt()), event.actorId(), event.model(), event.reason().name(),
                event.detail());
    }

    /** The first time each mark is reached counts (the meter emits each once per period anyway). */
    @EventHandler
    void on(AiUsageThresholdReached event) {
        Timestamp at = Timestamp.from(event.reachedAt());
        jdbc.update("""
                        INSERT INTO read_model.ai_usage_period AS p (tenant_id, period, reached_80_at, reached_100_at)
                        VALUES (?, ?, ?, ?)
                        ON CONFLICT (tenant_id, period) DO UPDATE SET
                            reached_80_at = coalesce(p.reached_80_at, EXCLUDED.reached_80_at),
                            reached_100_at = coalesce(p.reached_100_at, EXCLUDED.reached_100_at)""",
                event.tenantId().value(), event.period().toString(), event.percent() == 80 ? at : null,
                event.percent() == 100 ? at : null);
    }

    /** All tenants at once (TRUNCATE, which RLS does not limit; see V11). */
    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE read_model.ai_usage_call, read_model.ai_usage_daily, read_model.ai_usage_period, "
                + "read_model.ai_rejection");
    }

    private static Date day(Instant instant) {
        return Date.valueOf(instant.atZone(ZoneOffset.UTC).toLocalDate());
    }
}
