package dev.saascore.command.ai.quota;

import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/** One tenant in the current period, on a store whose keys live under a prefix of this fixture alone. */
final class QuotaFixture {

    static final AiLimits GENEROUS = new AiLimits(1_000_000, 1_000_000, 10_000);
    static final Duration HOLD = Duration.ofMinutes(5);
    static final String STAFF_MEMBER = "0b5f6a43-5d0e-4c57-9a4f-2f0d8d3c1e21";

    final String prefix = "saas-test:" + UUID.randomUUID() + ":ai:";
    final RedisQuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
    final TenantId tenant = TenantId.random();
    final BillingPeriod period = BillingPeriod.of(Instant.now());

    /** Counters rebuilt from an empty usage log: what the gateway does before the tenant's first call. */
    QuotaFixture ready() {
        store.rebuild(tenant, period, new AiUsageTotals(0, Map.of()));
        return this;
    }

    /** A new request of this tenant; apiKeyId and keyBudget null for a staff member's call. */
    Reservation reservation(String apiKeyId, Long keyBudget, long estimate, AiLimits limits, Duration ttl) {
        return new Reservation(tenant, period, UUID.randomUUID(), apiKeyId, estimate, limits, keyBudget, ttl);
    }

    Reservation reservation(long estimate, AiLimits limits) {
        return reservation(null, null, estimate, limits, HOLD);
    }

    Reservation keyReservation(String apiKeyId, long keyBudget, long estimate) {
        return reservation(apiKeyId, keyBudget, estimate, GENEROUS, HOLD);
    }

    ReserveOutcome reserve(long estimate, AiLimits limits) {
        return store.reserve(reservation(estimate, limits));
    }

    /** The call of this reservation, answered with the given tokens (prompt and completion split 1:3). */
    static AiCall call(Reservation reservation, long totalTokens) {
        long prompt = totalTokens / 4;
        String actor = reservation.apiKeyId() == null ? STAFF_MEMBER : "apikey:" + reservation.apiKeyId();
        return new AiCall(reservation.requestId(), actor, "offline-small", prompt,
                totalTokens - prompt, new BigDecimal("0.012340"), 42, true,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    void settle(Reservation reservation, long totalTokens) {
        store.settle(reservation, call(reservation, totalTokens), 1_000_000);
    }

    QuotaUsage usage() {
        return store.usage(tenant, period);
    }

    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }
}
