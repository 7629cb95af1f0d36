package dev.saascore.command.ai.quota;

import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.ai.AiUsageTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.saascore.command.ai.quota.QuotaFixture.GENEROUS;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.API_KEY_BUDGET_EXHAUSTED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.COUNTERS_MISSING;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

/** The counters are a cache of the usage log: missing ones are asked for, rebuilt once, never overwritten. */
class QuotaCountersRebuildTest {

    private final QuotaFixture quota = new QuotaFixture();

    @AfterEach
    void deleteKeys() {
        quota.deleteKeys();
    }

    @Test
    void aTenantWithoutCountersIsAskedToRebuildThemAndNothingIsHeld() {
        assertThat(quota.reserve(10, GENEROUS)).isEqualTo(new ReserveOutcome(COUNTERS_MISSING, null, 0, 0));
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(false, 0, 0, 0));
    }

    @Test
    void rebuiltCountersStartFromTheRecordedTotalsOfTheTenantAndItsKeys() {
        boolean set = quota.store.rebuild(quota.tenant, quota.period, new AiUsageTotals(700, Map.of("key-a", 300L)));

        assertThat(set).isTrue();
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 700, 0, 0));
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 701)).status())
                .isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 700)).status()).isEqualTo(RESERVED);
    }

    @Test
    void aSecondRebuildLeavesTheLiveCountersAlone() {
        quota.store.rebuild(quota.tenant, quota.period, new AiUsageTotals(700, Map.of()));
        Reservation reservation = quota.reservation(100, GENEROUS);
        quota.store.reserve(reservation);
        quota.settle(reservation, 100);

        boolean set = quota.store.rebuild(quota.tenant, quota.period, new AiUsageTotals(0, Map.of()));

        assertThat(set).isFalse();
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 800, 0, 0));
    }

    @Test
    void lostCountersAreAskedForAgainAndTheirRebuildKeepsTheCallsStillInFlight() {
        quota.store.rebuild(quota.tenant, quota.period, new AiUsageTotals(700, Map.of()));
        Reservation inFlight = quota.keyReservation("key-a", 1_000, 100);
        quota.store.reserve(inFlight);

        TestRedis.template().delete(quota.prefix + "{" + quota.tenant + "}:" + quota.period);
        assertThat(quota.reserve(10, GENEROUS).status()).isEqualTo(COUNTERS_MISSING);
        assertThat(quota.store.rebuild(quota.tenant, quota.period, new AiUsageTotals(700, Map.of()))).isTrue();

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 700, 100, 1));
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 901)).status())
                .as("the key's hold is counted again").isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        quota.settle(inFlight, 100);
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 800, 0, 0));
    }
}
