package dev.saascore.ui.api;

import dev.saascore.command.ai.gateway.AdmissionCache;
import dev.saascore.command.ai.gateway.AiAnswer;
import dev.saascore.command.ai.gateway.AiCaller;
import dev.saascore.command.ai.gateway.AiGateway;
import dev.saascore.command.ai.gateway.AiGatewayProperties;
import dev.saascore.command.ai.gateway.AiGatewayRefusal;
import dev.saascore.command.ai.gateway.AiPrompt;
import dev.saascore.command.ai.gateway.UsageOutboxPump;
import dev.saascore.command.ai.gateway.UsageSender;
import dev.saascore.command.ai.provider.AiProviders;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.quota.QuotaUsage;
import dev.saascore.command.ai.quota.RedisQuotaStore;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Redis holds a cache of the usage log: after a FLUSHALL the gateway rebuilds a tenant's counters from the usage
 * read model before it admits another call, so a flush cannot hand out a spent budget again. The flush needs a
 * Redis of its own (the machine's is shared): an embedded one, with its own quota store, outbox pump and gateway
 * around the application's real command and query sides.
 */
class AiQuotaRebuildIT extends ApiTestSupport {

    private static final String MODEL = "offline-mini";
    private static final String QUESTION = "Write a long essay about caches.";
    private static final int MAX_TOKENS = 8;

    @Autowired AiProviders providers;
    @Autowired TokenCounter tokens;
    @Autowired AdmissionCache admissions;
    @Autowired UsageSender sender;
    @Autowired AiGatewayProperties settings;

    private TestRedis.PrivateRedis redis;
    private LettuceConnectionFactory connections;
    private StringRedisTemplate privateRedis;
    private RedisQuotaStore quotas;
    private UsageOutboxPump pump;
    private AiGateway gateway;
    private OnboardTenant tenant;

    @BeforeEach
    void aPrivateRedisAndAGatewayOnIt() {
        redis = TestRedis.startPrivate();
        connections = new LettuceConnectionFactory("127.0.0.1", redis.port());
        connections.afterPropertiesSet();
        connections.start();
        privateRedis = new StringRedisTemplate(connections);
        quotas = new RedisQuotaStore(privateRedis, "saas:ai:");
        pump = new UsageOutboxPump(quotas, sender);
        pump.start();
        gateway = new AiGateway(providers, tokens, quotas, admissions, queries, sender, settings, Clock.systemUTC());
        tenant = onboardTenant("flush");
    }

    @AfterEach
    void stop() throws IOException {
        pump.stop();
        connections.destroy();
        redis.server().stop();
    }

    @Test
    void afterAFlushTheCountersComeBackFromTheUsageLogBeforeAnyCallIsAdmitted() {
        long estimate = tokens.promptTokens(MODEL, List.of(new ChatMessage("user", QUESTION))) + MAX_TOKENS;
        setBudget(3 * estimate);
        for (int i = 0; i < 3; i++) {
            assertThat(call().totalTokens()).isEqualTo(estimate);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> recordedTokens() == 3 * estimate);

        privateRedis.execute(connection -> {
            connection.serverCommands().flushAll();
            return null;
        }, true);
        assertThat(quotas.usage(tenant.tenantId(), period()).ready()).isFalse();

        assertThatThrownBy(this::call).isInstanceOfSatisfying(AiGatewayRefusal.class, refusal ->
                assertThat(refusal.reason()).isEqualTo(AiRejectionReason.TOKEN_BUDGET_EXHAUSTED));
        QuotaUsage rebuilt = quotas.usage(tenant.tenantId(), period());
        assertThat(rebuilt.ready()).isTrue();
        assertThat(rebuilt.tokensUsed()).isEqualTo(3 * estimate);

        setBudget(4 * estimate);
        await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(AiGatewayRefusal.class)
                .until(() -> call().totalTokens() == estimate);
        assertThat(quotas.usage(tenant.tenantId(), period()).tokensUsed()).isEqualTo(4 * estimate);
        // the outbox works again after the flush: the fourth call reaches the log too
        await().atMost(Duration.ofSeconds(15)).until(() -> recordedTokens() == 4 * estimate);
    }

    private AiAnswer call() {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> gateway.complete(
                new AiCaller(tenant.tenantId(), tenant.ownerId().toString(), null),
                new AiPrompt(MODEL, List.of(new ChatMessage("user", QUESTION)), MAX_TOKENS, null)));
    }

    private long recordedTokens() {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new FindAiUsageTotals(tenant.tenantId(), period()), AiUsageTotals.class).join().tenantTokens());
    }

    private void setBudget(long budget) {
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SetAiLimits(tenant.tenantId(),
                new AiLimits(budget, 10_000, 100), "Test")));
    }

    private static BillingPeriod period() {
        return BillingPeriod.of(Instant.now());
    }
}
