package dev.saascore.command.ai.quota;

import dev.saascore.kernel.ai.AiLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.saascore.command.ai.quota.QuotaFixture.GENEROUS;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.API_KEY_BUDGET_EXHAUSTED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.RATE_LIMITED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.RESERVED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.TOKEN_BUDGET_EXHAUSTED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.TOO_MANY_CONCURRENT_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

/** What a reserve admits and refuses, and that a refusal holds nothing. */
class QuotaReservationTest {

    private final QuotaFixture quota = new QuotaFixture().ready();

    @AfterEach
    void deleteKeys() {
        quota.deleteKeys();
    }

    @Test
    void aReservedCallHoldsItsEstimateWhileInFlight() {
        ReserveOutcome outcome = quota.reserve(700, GENEROUS);

        assertThat(outcome).isEqualTo(new ReserveOutcome(RESERVED, null, 0, 700));
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 700, 1));
    }

    @Test
    void aCallThatWouldPassTheTenantBudgetIsRefusedUntilThePeriodEnds() {
        AiLimits budget = new AiLimits(1_000, 1_000, 10);
        quota.reserve(600, budget);

        Instant before = Instant.now();
        ReserveOutcome refused = quota.reserve(401, budget);
        Instant after = Instant.now();

        assertThat(refused.status()).isEqualTo(TOKEN_BUDGET_EXHAUSTED);
        assertThat(refused.retryAfter()).isBetween(Duration.between(after, quota.period.end()).minusSeconds(1),
                Duration.between(before, quota.period.end()).plusSeconds(1));
        assertThat(quota.reserve(400, budget).status()).isEqualTo(RESERVED);
    }

    @Test
    void aKeyOverItsOwnBudgetIsRefusedWhileTheTenantAndOtherKeysHaveRoom() {
        Reservation first = quota.keyReservation("key-a", 1_000, 800);
        quota.store.reserve(first);

        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 201)).status())
                .isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        quota.settle(first, 800);
        ReserveOutcome refused = quota.store.reserve(quota.keyReservation("key-a", 1_000, 201));
        assertThat(refused.status()).isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        assertThat(refused.retryAfter()).isPositive();
        assertThat(quota.store.reserve(quota.keyReservation("key-a", 1_000, 200)).status()).isEqualTo(RESERVED);
        assertThat(quota.store.reserve(quota.keyReservation("key-b", 1_000, 1_000)).status()).isEqualTo(RESERVED);
    }

    @Test
    void aThirdCallIsRefusedWhileTwoAreInFlightAndPassesOnceOneEnds() {
        AiLimits twoAtOnce = new AiLimits(1_000_000, 1_000, 2);
        Reservation first = quota.reservation(10, twoAtOnce);
        quota.store.reserve(first);
        quota.reserve(10, twoAtOnce);

        ReserveOutcome third = quota.reserve(10, twoAtOnce);
        assertThat(third.status()).isEqualTo(TOO_MANY_CONCURRENT_REQUESTS);
        assertThat(third.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        quota.settle(first, 10);
        assertThat(quota.reserve(10, twoAtOnce).status()).isEqualTo(RESERVED);
    }

    @Test
    void aMinutesWorthOfCallsMayComeAtOnceAndTheNextWaitsForItsShareOfTheMinute() {
        AiLimits threePerMinute = new AiLimits(1_000_000, 3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(quota.reserve(10, threePerMinute).status()).isEqualTo(RESERVED);
        }

        ReserveOutcome fourth = quota.reserve(10, threePerMinute);
        assertThat(fourth.status()).isEqualTo(RATE_LIMITED);
        assertThat(fourth.retryAfter()).isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        ReserveOutcome fifth = quota.reserve(10, threePerMinute);
        assertThat(fifth.retryAfter()).as("a refused call does not use up the rate")
                .isBetween(Duration.ofSeconds(19), Duration.ofSeconds(20));
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 30, 3));
    }

    @Test
    void aRefusedCallChangesNoCounterAndUsesNoShareOfTheRate() {
        AiLimits limits = new AiLimits(1_000, 2, 2);
        quota.reserve(500, limits);
        QuotaUsage before = quota.usage();

        assertThat(quota.reserve(501, limits).status()).isEqualTo(TOKEN_BUDGET_EXHAUSTED);

        assertThat(quota.usage()).isEqualTo(before);
        assertThat(quota.reserve(500, limits).status()).as("the second call of the minute").isEqualTo(RESERVED);
    }

    @Test
    void whenSeveralLimitsRefuseTheBudgetsAreNamedFirstThenConcurrencyThenRate() {
        AiLimits tight = new AiLimits(1_000, 1, 1);
        Reservation first = quota.reservation("key-a", 100L, 50, tight, QuotaFixture.HOLD);
        quota.store.reserve(first);

        assertThat(quota.store.reserve(quota.reservation("key-a", 100L, 2_000, tight, QuotaFixture.HOLD)).status())
                .isEqualTo(TOKEN_BUDGET_EXHAUSTED);
        assertThat(quota.store.reserve(quota.reservation("key-a", 100L, 60, tight, QuotaFixture.HOLD)).status())
                .isEqualTo(API_KEY_BUDGET_EXHAUSTED);
        assertThat(quota.reserve(60, tight).status()).isEqualTo(TOO_MANY_CONCURRENT_REQUESTS);
        quota.store.refund(first);
        assertThat(quota.reserve(60, tight).status()).isEqualTo(RATE_LIMITED);
    }

    @Test
    void theSameRequestReservedTwiceHoldsItsEstimateOnce() {
        Reservation reservation = quota.reservation(300, GENEROUS);
        quota.store.reserve(reservation);

        assertThat(quota.store.reserve(reservation)).isEqualTo(new ReserveOutcome(RESERVED, null, 0, 300));
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 300, 1));
    }

    @Test
    void anExpiredHoldIsReleasedByTheNextReserve() throws InterruptedException {
        AiLimits oneAtOnce = new AiLimits(1_000, 1_000, 1);
        quota.store.reserve(quota.reservation(null, null, 900, oneAtOnce, Duration.ofMillis(200)));

        Thread.sleep(400);

        assertThat(quota.reserve(1_000, oneAtOnce)).isEqualTo(new ReserveOutcome(RESERVED, null, 0, 1_000));
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, 0, 1_000, 1));
    }
}
