package dev.saascore.query.ai;

import dev.saascore.kernel.ai.AiRequestRejected;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.AiUsageThresholdReached;
import dev.saascore.kernel.ai.UsageMeterId;
import dev.saascore.query.tenancy.TenantContext;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each tenant's AI usage (RLS tables). A call's (or refusal's) row is inserted first, and the daily and period sums
 * grow only from rows that were new, so redelivered events change nothing. A replay therefore needs the reset,
 * which starts the tables over.
 * <p>
 * Calls, one event each and by far the most events, are written per batch of the processor: collected while the
 * batch is handled and written when it commits, one statement per tenant and period (its rows as arrays, the sums
 * grouped in the statement), in the batch's transaction. A failing write fails the batch, which the processor
 * tries again; it cannot dead-letter a single event. Refusals and thresholds are rare and written one by one.
 */
@Component
@ProcessingGroup(AiUsageProjection.PROCESSING_GROUP)
class AiUsageProjection {

    static final String PROCESSING_GROUP = "ai-usage";
    private static final String PENDING_CALLS = AiUsageProjection.class.getName() + ".pendingCalls";

    private final JdbcTemplate jdbc;
    private final TenantContext tenantContext;

    AiUsageProjection(JdbcTemplate jdbc, TenantContext tenantContext) {
        this.jdbc = jdbc;
        this.tenantContext = tenantContext;
    }

    @EventHandler
    void on(AiUsageRecorded event, UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        batch.getOrComputeResource(PENDING_CALLS, key -> {
            List<AiUsageRecorded> pending = new ArrayList<>();
            batch.onPrepareCommit(committing -> writeCalls(pending));
            return pending;
        }).add(event);
    }

    /** The batch's calls, one statement per tenant and period, in the order they came. */
    private void writeCalls(List<AiUsageRecorded> calls) {
        Map<UsageMeterId, List<AiUsageRecorded>> byMeter = new LinkedHashMap<>();
        for (AiUsageRecorded call : calls) {
            byMeter.computeIfAbsent(new UsageMeterId(call.tenantId(), call.period()), meter -> new ArrayList<>())
                    .add(call);
        }
        byMeter.forEach((meter, meterCalls) -> {
            tenantContext.enter(meter.tenantId());
            jdbc.execute((ConnectionCallback<Integer>) connection -> insertCalls(connection, meter, meterCalls));
        });
    }

    private static int insertCalls(Connection connection, UsageMeterId meter, List<AiUsageRecorded> calls)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH new_call AS (
                    INSERT INTO read_model.ai_usage_call (tenant_id, request_id, period, day, model, actor_id,
                        prompt_tokens, completion_tokens, cost_kwd, latency_ms, streamed, occurred_at)
                    SELECT ?, c.request_id, ?, c.day, c.model, c.actor_id, c.prompt_tokens, c.completion_tokens,
                        c.cost_kwd, c.latency_ms, c.streamed, c.occurred_at
                    FROM unnest(?::uuid[], ?::date[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::numeric[],
                                ?::bigint[], ?::boolean[], ?::timestamptz[])
                        AS c(request_id, day, model, actor_id, prompt_tokens, completion_tokens, cost_kwd, latency_ms,
                             streamed, occurred_at)
                    ON CONFLICT DO NOTHING
                    RETURNING *
                ), daily AS (
                    INSERT INTO read_model.ai_usage_daily AS d (tenant_id, day, model, actor_id, calls, prompt_tokens,
                        completion_tokens, cost_kwd)
                    SELECT tenant_id, day, model, actor_id, count(*), sum(prompt_tokens), sum(completion_tokens),
                        sum(cost_kwd)
                    FROM new_call GROUP BY tenant_id, day, model, actor_id
                    ON CONFLICT (tenant_id, day, model, actor_id) DO UPDATE SET calls = d.calls + EXCLUDED.calls,
                        prompt_tokens = d.prompt_tokens + EXCLUDED.prompt_tokens,
                        completion_tokens = d.completion_tokens + EXCLUDED.completion_tokens,
                        cost_kwd = d.cost_kwd + EXCLUDED.cost_kwd
                )
                INSERT INTO read_model.ai_usage_period AS p (tenant_id, period, tokens, cost_kwd, calls, token_budget)
                SELECT tenant_id, period, sum(prompt_tokens + completion_tokens), sum(cost_kwd), count(*), ?
                FROM new_call GROUP BY tenant_id, period
                ON CONFLICT (tenant_id, period) DO UPDATE SET tokens = p.tokens + EXCLUDED.tokens,
                    cost_kwd = p.cost_kwd + EXCLUDED.cost_kwd, calls = p.calls + EXCLUDED.calls,
                    token_budget = EXCLUDED.token_budget""")) {
            int column = 1;
            statement.setObject(column++, meter.tenantId().value());
            statement.setString(column++, meter.period().toString());
            statement.setArray(column++, array(connection, "uuid", calls, AiUsageRecorded::requestId));
            statement.setArray(column++, array(connection, "date", calls, call -> day(call.occurredAt())));
            statement.setArray(column++, array(connection, "text", calls, AiUsageRecorded::model));
            statement.setArray(column++, array(connection, "text", calls, AiUsageRecorded::actorId));
            statement.setArray(column++, array(connection, "int8", calls, AiUsageRecorded::promptTokens));
            statement.setArray(column++, array(connection, "int8", calls, AiUsageRecorded::completionTokens));
            statement.setArray(column++, array(connection, "numeric", calls, AiUsageRecorded::costKwd));
            statement.setArray(column++, array(connection, "int8", calls, AiUsageRecorded::latencyMillis));
            statement.setArray(column++, array(connection, "bool", calls, AiUsageRecorded::streamed));
            statement.setArray(column++, array(connection, "timestamptz", calls,
                    call -> Timestamp.from(call.occurredAt())));
            // the budget as the period's latest call saw it
            statement.setLong(column, calls.get(calls.size() - 1).periodTokenBudget());
            return statement.executeUpdate();
        }
    }

    /** One column of the calls as an SQL array of {@code type}. */
    private static Array array(Connection connection, String type, List<AiUsageRecorded> calls,
                               Function<AiUsageRecorded, Object> column) throws SQLException {
        return connection.createArrayOf(type, calls.stream().map(column).toArray());
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
