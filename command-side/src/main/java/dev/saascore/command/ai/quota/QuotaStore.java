package dev.saascore.command.ai.quota;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's quotas in Redis (DESIGN.md section 7): each operation is one atomic Lua script. Every method
 * throws {@link QuotaStoreUnavailable} when Redis cannot be reached.
 */
public interface QuotaStore {

    /**
     * Checks, all at once, the tenant's period budget (used + reserved + estimate ≤ budget), the key's budget,
     * the tenant's rate (requests per minute, smoothed) and its calls in flight; then holds the estimate and
     * counts the request, or changes nothing. Expired holds of crashed nodes are released first.
     */
    ReserveOutcome reserve(Reservation reservation);

    /**
     * Releases the hold, adds the call's actual tokens to the used counters (tenant and key) and puts the call
     * in the usage outbox, in one step. Counts the call even when its hold has already expired.
     */
    void settle(Reservation reservation, AiCall call, long periodTokenBudget);

    /** Releases the hold without using anything (the provider failed before answering). */
    void refund(Reservation reservation);

    /** Puts a refusal in the usage outbox. */
    void recordRejection(TenantId tenantId, BillingPeriod period, long periodTokenBudget, AiRejection rejection);

    /**
     * Sets the tenant's used counters for the period from the recorded totals, only if they are still missing
     * (another node may have done it meanwhile). Returns true when this call set them.
     */
    boolean rebuild(TenantId tenantId, BillingPeriod period, AiUsageTotals totals);

    QuotaUsage usage(TenantId tenantId, BillingPeriod period);

    /**
     * Up to {@code max} outbox entries for this consumer: first its own unacknowledged ones, then entries other
     * consumers left unacknowledged for longer than {@code abandonedAfter}, then new ones (waiting up to
     * {@code block} for some).
     */
    List<UsageOutboxEntry> takeFromOutbox(String consumer, int max, Duration block, Duration abandonedAfter);

    void acknowledge(List<UsageOutboxEntry> entries);
}
