package dev.saascore.query.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.AiUsageStatus;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiUsageReport;
import dev.saascore.kernel.ai.FindAiUsageStatus;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.query.tenancy.TenantTransactions;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The caller guard has already checked the caller's tenant (and, for the report, the role). */
@Component
class AiUsageQueries {

    private static final String API_KEY_ACTOR = "apikey:";
    private static final BigDecimal NO_COST = BigDecimal.ZERO.setScale(6);

    private final JdbcTemplate jdbc;
    private final TenantTransactions transactions;

    AiUsageQueries(JdbcTemplate jdbc, TenantTransactions transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** The period's recorded tokens, in all and per API key (keyed by the bare key id). */
    @QueryHandler
    AiUsageTotals handle(FindAiUsageTotals query) {
        TenantId tenant = query.tenantId();
        BillingPeriod period = query.period();
        return transactions.read(tenant, () -> {
            long tokens = jdbc.query("SELECT tokens FROM read_model.ai_usage_period WHERE tenant_id = ? AND period = ?",
                    rows -> rows.next() ? rows.getLong(1) : 0L, tenant.value(), period.toString());
            Map<String, Long> byKey = new HashMap<>();
            jdbc.query("""
                            SELECT actor_id, sum(prompt_tokens + completion_tokens) FROM read_model.ai_usage_daily
                            WHERE tenant_id = ? AND day >= ? AND day < ? AND actor_id LIKE ?
                            GROUP BY actor_id HAVING sum(prompt_tokens + completion_tokens) > 0""",
                    row -> {
                        byKey.put(row.getString(1).substring(API_KEY_ACTOR.length()), row.getLong(2));
                    },
                    tenant.value(), Date.valueOf(period.month().atDay(1)),
                    Date.valueOf(period.month().plusMonths(1).atDay(1)), API_KEY_ACTOR + "%");
            return new AiUsageTotals(tokens, byKey);
        });
    }

    /** Nothing recorded yet reads as zero usage against no budget. */
    @QueryHandler
    AiUsageStatus handle(FindAiUsageStatus query) {
        BillingPeriod period = query.period();
        return transactions.read(query.tenantId(), () -> jdbc.query("""
                        SELECT tokens, token_budget, cost_kwd,
                               CASE WHEN reached_100_at IS NOT NULL THEN 100 WHEN reached_80_at IS NOT NULL THEN 80 ELSE 0 END
                        FROM read_model.ai_usage_period WHERE tenant_id = ? AND period = ?""",
                rows -> rows.next()
                        ? new AiUsageStatus(period, rows.getLong(1), rows.getLong(2), rows.getBigDecimal(3), rows.getInt(4))
                        : new AiUsageStatus(period, 0, 0, NO_COST, 0),
                query.tenantId().value(), period.toString()));
    }

    /**
     * Days with calls, oldest first; totals by model and actor, most tokens first, each actor named as people know
     * it (a staff member's name, an API key's name) or else by its id; and the refusals of the range.
     */
    @QueryHandler
    AiUsageReport handle(FindAiUsageReport query) {
        if (query.from() == null || query.to() == null || query.from().isAfter(query.to())) {
            Rejection rejection = new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.",
                    List.of(new FieldViolation("to", "The range needs a start and an end on or after it.")));
            throw new QueryExecutionException(rejection.message(), null, rejection);
        }
        Object tenant = query.tenantId().value();
        Date from = Date.valueOf(query.from());
        Date to = Date.valueOf(query.to());
        return transactions.read(query.tenantId(), () -> new AiUsageReport(
                jdbc.query("""
                                SELECT day, sum(calls), sum(prompt_tokens), sum(completion_tokens), sum(cost_kwd)
                                FROM read_model.ai_usage_daily WHERE tenant_id = ? AND day BETWEEN ? AND ?
                                GROUP BY day ORDER BY day""",
                        (row, index) -> new AiUsageReport.Day(row.getObject(1, LocalDate.class), row.getLong(2),
                                row.getLong(3), row.getLong(4), row.getBigDecimal(5)),
                        tenant, from, to),
                jdbc.query("""
                                SELECT u.model, u.actor_id,
                                       coalesce(s.display_name, s.email, 'API key ''' || k.name || '''', u.actor_id),
                                       u.calls, u.prompt_tokens, u.completion_tokens, u.cost_kwd
                                FROM (SELECT model, actor_id, sum(calls) AS calls, sum(prompt_tokens) AS prompt_tokens,
                                             sum(completion_tokens) AS completion_tokens, sum(cost_kwd) AS cost_kwd
                                      FROM read_model.ai_usage_daily WHERE tenant_id = ? AND day BETWEEN ? AND ?
                                      GROUP BY model, actor_id) u
                                LEFT JOIN read_model.staff_member s ON s.tenant_id = ? AND s.user_id::text = u.actor_id
                                LEFT JOIN read_model.api_key k ON k.tenant_id = ? AND ? || k.key_id::text = u.actor_id
                                ORDER BY u.prompt_tokens + u.completion_tokens DESC, u.model, u.actor_id""",
                        (row, index) -> new AiUsageReport.Breakdown(row.getString(1), row.getString(2),
                                row.getString(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getBigDecimal(7)),
                        tenant, from, to, tenant, tenant, API_KEY_ACTOR),
                jdbc.queryForObject("SELECT count(*) FROM read_model.ai_rejection WHERE tenant_id = ? AND day BETWEEN ? AND ?",
                        Long.class, tenant, from, to)));
    }
}
