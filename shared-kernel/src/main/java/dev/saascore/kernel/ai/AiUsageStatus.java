package dev.saascore.kernel.ai;

import java.math.BigDecimal;

/**
 * @param tokenBudget      the budget the last recorded call was admitted against; 0 when nothing was recorded
 * @param highestThreshold 0, 80 or 100: the highest threshold reached in the period
 */
public record AiUsageStatus(BillingPeriod period, long tokensUsed, long tokenBudget, BigDecimal costKwd,
                            int highestThreshold) {
}
