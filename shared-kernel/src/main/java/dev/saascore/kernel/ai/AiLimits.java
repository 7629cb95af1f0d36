package dev.saascore.kernel.ai;

import dev.saascore.kernel.messaging.FieldViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a tenant may use of the AI gateway.
 *
 * @param monthlyTokenBudget    prompt + completion tokens per billing period (calendar month, UTC)
 * @param requestsPerMinute     admitted calls per minute, smoothed (a full minute's worth may come at once)
 * @param maxConcurrentRequests calls in flight at the same time
 */
public record AiLimits(long monthlyTokenBudget, int requestsPerMinute, int maxConcurrentRequests) {

    public static final long MAX_BUDGET = 1_000_000_000_000L;
    public static final int MAX_REQUESTS_PER_MINUTE = 1_000_000;
    public static final int MAX_CONCURRENT = 10_000;

    /** What is wrong with these limits (fields named as in this record); empty when they are usable. */
    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        if (monthlyTokenBudget < 1 || monthlyTokenBudget > MAX_BUDGET) {
            violations.add(new FieldViolation("monthlyTokenBudget", "must be between 1 and " + MAX_BUDGET));
        }
        if (requestsPerMinute < 1 || requestsPerMinute > MAX_REQUESTS_PER_MINUTE) {
            violations.add(new FieldViolation("requestsPerMinute", "must be between 1 and " + MAX_REQUESTS_PER_MINUTE));
        }
        if (maxConcurrentRequests < 1 || maxConcurrentRequests > MAX_CONCURRENT) {
            violations.add(new FieldViolation("maxConcurrentRequests", "must be between 1 and " + MAX_CONCURRENT));
        }
        return violations;
    }
}
