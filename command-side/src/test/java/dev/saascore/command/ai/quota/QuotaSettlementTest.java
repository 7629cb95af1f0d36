package dev.saascore.command.ai.quota;

import dev.saascore.kernel.ai.AiLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.saascore.command.ai.quota.QuotaFixture.GENEROUS;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.API_KEY_BUDGET_EXHAUSTED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.RESERVED;
import static org.assertj.core.api.Assertions.assertThat;

/** Settling counts what a call really used; refunding gives its hold back. */
class QuotaSettlementTest {

    private final QuotaFixture quota = new QuotaFixture().ready();

    @AfterEach
    void deleteKeys() {
        quota.deleteKeys();
    }

    @Test
    void aCallUsingLessThanItsEstimateCountsWhatItUsedAndFreesTheRest() {
        Reservation reservation = quota.keyReservation("key-a", 1_000, 1_000);
        quota.store.reserve(reservation);

        quota.settle(reservation, 300);

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 300, 0, 0));
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 701)).status())
                .as("the key's own count").isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 700)).status()).isEqualTo(RESERVED);
    }

    @Test
    void aCallUsingMoreThanItsEstimateIsCountedInFull() {
        Reservation reservation = quota.reservation(100, GENEROUS);
        quota.store.reserve(reservation);

        quota.settle(reservation, 150);

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 150, 0, 0));
    }

    @Test
    void aCallSettledAfterItsHoldExpiredIsStillCounted() throws InterruptedException {
        Reservation reservation = quota.reservation(null, null, 400, GENEROUS, Duration.ofMillis(100));
        quota.store.reserve(reservation);
        Thread.sleep(300);

        quota.settle(reservation, 350);

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 350, 0, 0));
    }

    @Test
    void aRefundGivesTheHoldBackAndASecondRefundChangesNothing() {
        quota.store.reserve(quota.reservation(200, GENEROUS));
        Reservation failed = quota.reservation(500, GENEROUS);
        quota.store.reserve(failed);

        quota.store.refund(failed);
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 200, 1));
        quota.store.refund(failed);
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 200, 1));
    }

    @Test
    void aRefundAfterTheSettleChangesNothing() {
        Reservation reservation = quota.reservation(500, GENEROUS);
        quota.store.reserve(reservation);
        quota.settle(reservation, 450);

        quota.store.refund(reservation);

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 450, 0, 0));
    }

    /** Newer Redis versions pass round Lua numbers such as 1e8 to commands in exponent form. */
    @Test
    void largeRoundTokenCountsAreCountedExactly() {
        AiLimits largest = new AiLimits(AiLimits.MAX_BUDGET, 1_000, 100);
        Reservation refunded = quota.reservation("key-a", AiLimits.MAX_BUDGET, 100_000_000, largest, QuotaFixture.HOLD);
        Reservation settled = quota.reservation("key-a", AiLimits.MAX_BUDGET, 100_000_000, largest, QuotaFixture.HOLD);
        quota.store.reserve(refunded);
        quota.store.reserve(settled);

        quota.store.refund(refunded);
        quota.settle(settled, 200_000_000);

        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 200_000_000, 0, 0));
    }
}
