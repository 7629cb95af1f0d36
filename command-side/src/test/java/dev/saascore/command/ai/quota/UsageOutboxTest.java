package dev.saascore.command.ai.quota;

import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.UsageMeterId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static dev.saascore.command.ai.quota.QuotaFixture.GENEROUS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Settled calls and refusals wait in the outbox until a consumer has recorded them. */
class UsageOutboxTest {

    private static final Duration LONG_AGO = Duration.ofMinutes(10);

    private final QuotaFixture quota = new QuotaFixture().ready();

    @AfterEach
    void deleteKeys() {
        quota.deleteKeys();
    }

    @Test
    void settledCallsAndRefusalsComeOutExactlyAsTheyWentIn() {
        Reservation reservation = quota.keyReservation("key-a", 5_000, 1_000);
        quota.store.reserve(reservation);
        AiCall call = new AiCall(reservation.requestId(), "apikey:key-a", "offline-large", 123, 456,
                new BigDecimal("0.000750"), 87, false, Instant.parse("2026-11-03T10:15:30.123456789Z"));
        quota.store.settle(reservation, call, 50_000);
        AiRejection rejection = new AiRejection(UUID.randomUUID(), QuotaFixture.STAFF_MEMBER, "offline-small",
                AiRejectionReason.RATE_LIMITED, "3 requests per minute", Instant.parse("2026-11-03T10:15:31Z"));
        quota.store.recordRejection(quota.tenant, quota.period, 50_000, rejection);

        List<UsageOutboxEntry> taken = quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO);

        UsageMeterId meter = new UsageMeterId(quota.tenant, quota.period);
        assertThat(taken).extracting(UsageOutboxEntry::meterId, UsageOutboxEntry::periodTokenBudget,
                        UsageOutboxEntry::call, UsageOutboxEntry::rejection)
                .containsExactly(tuple(meter, 50_000L, call, null),
                        tuple(meter, 50_000L, null, rejection));
        assertThat(taken.get(0).call().costKwd()).isEqualByComparingTo("0.00075").hasToString("0.000750");
    }

    @Test
    void aRefusalWithoutDetailOrModelKeepsThemAbsent() {
        AiRejection rejection = new AiRejection(UUID.randomUUID(), "apikey:key-b", null,
                AiRejectionReason.QUOTA_STORE_UNAVAILABLE, null, Instant.parse("2026-11-03T10:15:31Z"));
        quota.store.recordRejection(quota.tenant, quota.period, 1_000, rejection);

        assertThat(quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO))
                .extracting(UsageOutboxEntry::rejection).containsExactly(rejection);
    }

    @Test
    void acknowledgedEntriesLeaveTheOutbox() {
        settleOneCall();
        List<UsageOutboxEntry> taken = quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO);

        quota.store.acknowledge(taken);

        assertThat(quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, Duration.ZERO)).isEmpty();
        assertThat(TestRedis.template().opsForStream().size(quota.prefix + "usage-outbox")).isZero();
    }

    @Test
    void anEntryTakenButNotAcknowledgedComesBackToTheSameConsumerOnce() {
        settleOneCall();
        List<UsageOutboxEntry> first = quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO);

        assertThat(quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, Duration.ZERO)).isEqualTo(first);
    }

    @Test
    void anEntryAnotherConsumerLeftUnacknowledgedIsHandedOverOnceAbandoned() throws InterruptedException {
        settleOneCall();
        List<UsageOutboxEntry> takenByA = quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO);

        assertThat(quota.store.takeFromOutbox("node-b", 10, Duration.ZERO, LONG_AGO))
                .as("node-a may still be recording it").isEmpty();
        Thread.sleep(300);
        List<UsageOutboxEntry> takenByB = quota.store.takeFromOutbox("node-b", 10, Duration.ZERO,
                Duration.ofMillis(200));

        assertThat(takenByB).hasSize(1).isEqualTo(takenByA);
        assertThat(quota.store.takeFromOutbox("node-a", 10, Duration.ZERO, LONG_AGO))
                .as("node-a no longer owns it").isEmpty();
    }

    @Test
    void aConsumerWaitingOnAnEmptyOutboxGetsTheNextEntry() throws Exception {
        CompletableFuture<List<UsageOutboxEntry>> waiting = CompletableFuture.supplyAsync(
                () -> quota.store.takeFromOutbox("node-a", 10, Duration.ofSeconds(1), LONG_AGO));
        Thread.sleep(200);
        AiRejection rejection = new AiRejection(UUID.randomUUID(), "apikey:key-b", "offline-small",
                AiRejectionReason.TOO_MANY_CONCURRENT_REQUESTS, "2 calls in flight", Instant.now());
        quota.store.recordRejection(quota.tenant, quota.period, 1_000, rejection);

        assertThat(waiting.get()).extracting(UsageOutboxEntry::rejection).containsExactly(rejection);
    }

    @Test
    void aConsumerWaitingOnAnEmptyOutboxGetsNothingWhenNothingComes() {
        assertThat(quota.store.takeFromOutbox("node-a", 10, Duration.ofMillis(100), LONG_AGO)).isEmpty();
    }

    private void settleOneCall() {
        Reservation reservation = quota.reservation(100, GENEROUS);
        quota.store.reserve(reservation);
        quota.settle(reservation, 90);
    }
}
