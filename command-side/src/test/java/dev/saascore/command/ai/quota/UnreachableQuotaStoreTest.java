package dev.saascore.command.ai.quota;

import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageTotals;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.saascore.command.ai.quota.QuotaFixture.GENEROUS;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Without Redis every operation fails with one exception the gateway can answer (fail closed). */
class UnreachableQuotaStoreTest {

    private static LettuceConnectionFactory connections;
    private static RedisQuotaStore store;

    private final QuotaFixture quota = new QuotaFixture();

    @BeforeAll
    static void pointAtAClosedPort() {
        connections = TestRedis.unreachable();
        store = new RedisQuotaStore(new StringRedisTemplate(connections), "saas-test:unreachable:");
    }

    @AfterAll
    static void close() {
        connections.destroy();
    }

    @Test
    void everyOperationFailsWithQuotaStoreUnavailable() {
        Reservation reservation = quota.reservation(10, GENEROUS);
        TenantId tenant = quota.tenant;
        AiRejection rejection = new AiRejection(UUID.randomUUID(), "apikey:k", "offline-small",
                AiRejectionReason.RATE_LIMITED, null, Instant.now());
        List<Runnable> operations = List.of(
                () -> store.reserve(reservation),
                () -> store.settle(reservation, QuotaFixture.call(reservation, 10), 1_000),
                () -> store.refund(reservation),
                () -> store.recordRejection(tenant, quota.period, 1_000, rejection),
                () -> store.rebuild(tenant, quota.period, new AiUsageTotals(0, Map.of())),
                () -> store.usage(tenant, quota.period),
                () -> store.takeFromOutbox("node-a", 10, Duration.ZERO, Duration.ofMinutes(1)),
                () -> store.acknowledge(List.of(new UsageOutboxEntry("1-0", null, 0, null, null))));

        for (Runnable operation : operations) {
            assertThatThrownBy(operation::run).isInstanceOf(QuotaStoreUnavailable.class)
                    .hasMessageContaining("Redis could not");
        }
    }
}
