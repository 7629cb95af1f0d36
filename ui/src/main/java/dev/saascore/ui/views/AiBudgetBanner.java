package dev.saascore.ui.views;

import com.vaadin.flow.component.html.Div;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiUsageStatus;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.ai.FindAiUsageStatus;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Warns a tenant's staff when the organisation has used 80 % or all of its AI token budget for the current
 * period. Reads the recorded usage once per navigation; hidden otherwise.
 */
class AiBudgetBanner extends Div {

    private static final Logger log = LoggerFactory.getLogger(AiBudgetBanner.class);

    private final QueryGateway queries;
    private final Clock clock;
    private final TenantId tenantId;

    AiBudgetBanner(QueryGateway queries, Clock clock, TenantId tenantId) {
        this.queries = queries;
        this.clock = clock;
        this.tenantId = tenantId;
        setId("ai-budget-banner");
        setWidthFull();
        getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("box-sizing", "border-box");
        setVisible(false);
    }

    void refresh() {
        BillingPeriod period = BillingPeriod.of(clock.instant());
        int reached;
        try {
            reached = reached(period);
        } catch (RuntimeException unavailable) {
            // a banner must never cost the page: without usage figures there is simply no banner
            log.warn("Could not read the AI usage status of tenant {}: {}", tenantId, unavailable.toString());
            reached = 0;
        }
        setVisible(reached >= 80);
        if (reached >= 100) {
            setText("Your organisation has used its whole AI token budget for " + Labels.period(period)
                    + ". AI calls are refused until " + Labels.day(period.month().plusMonths(1).atDay(1))
                    + " (UTC), unless the budget is raised.");
            getStyle().set("background", "var(--lumo-error-color-10pct)").set("color", "var(--lumo-error-text-color)");
        } else if (reached >= 80) {
            setText("Your organisation has used 80 % of its AI token budget for " + Labels.period(period) + ".");
            getStyle().set("background", "var(--lumo-warning-color-10pct, #fdf1dc)")
                    .set("color", "var(--lumo-warning-text-color, #7a4b00)");
        }
    }

    /**
     * The threshold (0, 80 or 100) recorded for the period, unless a budget raised since puts the usage below it:
     * thresholds are recorded once per period, so they do not go back down by themselves.
     */
    private int reached(BillingPeriod period) {
        AiUsageStatus status = queries.query(new FindAiUsageStatus(tenantId, period), AiUsageStatus.class).join();
        if (status.highestThreshold() < 80) {
            return 0;
        }
        long budget = queries.query(new FindAiAdmission(tenantId, null), AiAdmission.class).join()
                .limits().monthlyTokenBudget();
        long percent = status.tokensUsed() * 100 / Math.max(1, budget);
        return Math.min(status.highestThreshold(), percent >= 100 ? 100 : percent >= 80 ? 80 : 0);
    }
}
