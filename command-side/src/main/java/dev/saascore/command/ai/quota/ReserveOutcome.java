package dev.saascore.command.ai.quota;

import java.time.Duration;

/**
 * @param retryAfter when trying again may succeed; null when it does not apply
 * @param tokensUsed settled tokens of the period (tenant), after this reservation
 * @param tokensReserved tokens held by calls in flight (tenant), after this reservation
 */
public record ReserveOutcome(Status status, Duration retryAfter, long tokensUsed, long tokensReserved) {

    public enum Status {
        RESERVED,
        TOKEN_BUDGET_EXHAUSTED,
        API_KEY_BUDGET_EXHAUSTED,
        RATE_LIMITED,
        TOO_MANY_CONCURRENT_REQUESTS,
        /** the tenant's counters for the period are not in Redis (new period, flushed): rebuild, then retry */
        COUNTERS_MISSING
    }

    public boolean reserved() {
        return status == Status.RESERVED;
    }
}
