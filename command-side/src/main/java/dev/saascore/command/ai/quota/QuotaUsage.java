package dev.saascore.command.ai.quota;

/**
 * A tenant's live counters for a period.
 *
 * @param ready false when the counters are missing (not yet rebuilt)
 */
public record QuotaUsage(boolean ready, long tokensUsed, long tokensReserved, int callsInFlight) {
}
