package dev.saascore.command.ai.quota;

import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The store is a bean on the application's Redis, its keys under saas.ai.quota.key-prefix. */
class QuotaStoreConfigurationTest {

    private final String prefix = "saas-test:" + UUID.randomUUID() + ":configured:";
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withBean(StringRedisTemplate.class, TestRedis::template)
            .withUserConfiguration(QuotaStoreConfiguration.class);

    @AfterEach
    void deleteKeys() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void theStoreKeepsItsKeysUnderTheConfiguredPrefix() {
        context.withPropertyValues("saas.ai.quota.key-prefix=" + prefix).run(started ->
                assertThat(countersOfANewTenant(started.getBean(QuotaStore.class), prefix)).isEqualTo("5"));
    }

    @Test
    void withoutAPrefixTheKeysStartWithSaasAi() {
        context.run(started ->
                assertThat(countersOfANewTenant(started.getBean(QuotaStore.class), "saas:ai:")).isEqualTo("5"));
    }

    /** Rebuilds a new tenant's counters and reads them back from where the prefix says they are. */
    private static Object countersOfANewTenant(QuotaStore store, String expectedPrefix) {
        TenantId tenant = TenantId.random();
        BillingPeriod period = BillingPeriod.of(Instant.now());
        store.rebuild(tenant, period, new AiUsageTotals(5, Map.of()));
        String counters = expectedPrefix + "{" + tenant + "}:" + period;
        try {
            return TestRedis.template().opsForHash().get(counters, "used");
        } finally {
            TestRedis.template().delete(counters);
        }
    }
}
