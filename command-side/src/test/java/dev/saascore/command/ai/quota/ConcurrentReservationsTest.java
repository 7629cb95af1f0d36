package dev.saascore.command.ai.quota;

import dev.saascore.kernel.ai.AiLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.saascore.command.ai.quota.ReserveOutcome.Status.RESERVED;
import static dev.saascore.command.ai.quota.ReserveOutcome.Status.TOKEN_BUDGET_EXHAUSTED;
import static org.assertj.core.api.Assertions.assertThat;

/** 64 callers released at once on one tenant whose budget allows exactly ten calls. */
class ConcurrentReservationsTest {

    private static final int CALLERS = 64;
    private static final int ALLOWED = 10;
    private static final long ESTIMATE = 1_000;
    private static final AiLimits TEN_CALLS = new AiLimits(ALLOWED * ESTIMATE, 1_000_000, 10_000);

    private final QuotaFixture quota = new QuotaFixture().ready();

    @AfterEach
    void deleteKeys() {
        quota.deleteKeys();
    }

    @Test
    void exactlyTheBudgetsWorthOfCallsIsAdmittedAndNothingLeaksOnceTheySettle() throws Exception {
        List<Reservation> reservations = reservations();
        List<ReserveOutcome> outcomes = together(reservations, quota.store::reserve);

        assertThat(countByStatus(outcomes)).isEqualTo(Map.of(RESERVED, (long) ALLOWED,
                TOKEN_BUDGET_EXHAUSTED, (long) (CALLERS - ALLOWED)));
        for (int i = 0; i < CALLERS; i++) {
            if (outcomes.get(i).reserved()) {
                quota.settle(reservations.get(i), ESTIMATE);
            }
        }
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, ALLOWED * ESTIMATE, 0, 0));
    }

    @Test
    void callsSettlingWhileOthersStillReserveStillLetExactlyTheBudgetThrough() throws Exception {
        List<ReserveOutcome> outcomes = together(reservations(), reservation -> {
            ReserveOutcome outcome = quota.store.reserve(reservation);
            if (outcome.reserved()) {
                quota.settle(reservation, ESTIMATE);
            }
            return outcome;
        });

        assertThat(countByStatus(outcomes).get(RESERVED)).isEqualTo(ALLOWED);
        assertThat(quota.usage()).isEqualTo(new QuotaUsage(true, ALLOWED * ESTIMATE, 0, 0));
    }

    @Test
    void callsUsingMoreThanTheirEstimateOvershootByAtMostTheirExcessAndCloseTheBudget() throws Exception {
        List<Reservation> reservations = reservations();
        List<ReserveOutcome> outcomes = together(reservations, quota.store::reserve);
        long excess = 150;
        for (int i = 0; i < CALLERS; i++) {
            if (outcomes.get(i).reserved()) {
                quota.settle(reservations.get(i), ESTIMATE + excess);
            }
        }

        assertThat(quota.usage().tokensUsed()).isEqualTo(TEN_CALLS.monthlyTokenBudget() + ALLOWED * excess);
        assertThat(quota.reserve(1, TEN_CALLS).status()).isEqualTo(TOKEN_BUDGET_EXHAUSTED);
    }

    private List<Reservation> reservations() {
        List<Reservation> reservations = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            reservations.add(quota.reservation(ESTIMATE, TEN_CALLS));
        }
        return reservations;
    }

    /** Runs the action for every reservation on its own thread, all released by one latch. */
    private static List<ReserveOutcome> together(List<Reservation> reservations,
                                                 Function<Reservation, ReserveOutcome> action) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(reservations.size());
        try {
            CountDownLatch ready = new CountDownLatch(reservations.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ReserveOutcome>> futures = new ArrayList<>();
            for (Reservation reservation : reservations) {
                Callable<ReserveOutcome> caller = () -> {
                    ready.countDown();
                    start.await();
                    return action.apply(reservation);
                };
                futures.add(threads.submit(caller));
            }
            ready.await();
            start.countDown();
            List<ReserveOutcome> outcomes = new ArrayList<>();
            for (Future<ReserveOutcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<ReserveOutcome.Status, Long> countByStatus(List<ReserveOutcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(ReserveOutcome::status, Collectors.counting()));
    }
}
