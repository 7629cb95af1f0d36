package dev.saascore.command.ai.gateway;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.saascore.command.ai.provider.AiProviderProperties;
import dev.saascore.command.ai.provider.AiProviders;
import dev.saascore.command.ai.provider.ChatMessage;
import dev.saascore.command.ai.quota.QuotaStore;
import dev.saascore.command.ai.quota.QuotaUsage;
import dev.saascore.command.ai.quota.RedisQuotaStore;
import dev.saascore.command.ai.tokens.TokenCounter;
import dev.saascore.command.messaging.SystemActor;
import dev.saascore.command.testsupport.TestRedis;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.ai.RecordAiUsage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The gateway's promises around the quota store and the provider: fail closed when Redis is gone (the provider is
 * never called), refund when the provider fails, charge only what was streamed when the client leaves, and rebuild
 * missing counters from the recorded usage before admitting anything. Real Redis, a real HTTP upstream (WireMock).
 */
class AiGatewayTest {

    private static final String UPSTREAM_MODEL = "stub-model";
    private static final String OFFLINE = "offline-mini";
    private static final String PRICES = "offline-mini=0.050/0.150,offline-large=0.250/0.750,stub-model=1/2";

    @RegisterExtension
    static final WireMockExtension upstream = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final String prefix = "saas-test:gateway:" + UUID.randomUUID() + ":";
    private final TenantId tenant = TenantId.random();
    private final TokenCounter tokens = new TokenCounter();
    private final List<RecordAiUsage> recorded = new CopyOnWriteArrayList<>();
    private AiLimits limits = new AiLimits(1_000_000, 1_000, 100);
    private volatile AiUsageTotals recordedTotals = new AiUsageTotals(0, Map.of());
    private final AtomicInteger totalsRead = new AtomicInteger();

    @AfterEach
    void deleteOwnKeys() {
        TestRedis.deleteKeys(prefix);
    }

    @Test
    void withRedisUnreachableTheCallIsRefusedAndTheProviderIsNeverCalled() {
        try (Unreachable redis = new Unreachable()) {
            AiGateway gateway = gateway(redis.store, false);

            assertThatThrownBy(() -> gateway.complete(caller(), prompt(UPSTREAM_MODEL, "Hello", 10)))
                    .isInstanceOfSatisfying(AiGatewayRefusal.class, refusal -> {
                        assertThat(refusal.kind()).isEqualTo(AiGatewayRefusal.Kind.QUOTA_STORE_UNAVAILABLE);
                        assertThat(refusal.retryAfter()).isNotNull();
                    });

            upstream.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
            assertThat(recorded).singleElement().satisfies(command -> {
                assertThat(command.calls()).isEmpty();
                assertThat(command.rejections()).singleElement().satisfies(rejection ->
                        assertThat(rejection.reason()).isEqualTo(AiRejectionReason.QUOTA_STORE_UNAVAILABLE));
            });
        }
    }

    @Test
    void failOpenAdmitsTheCallUnmeteredAndRecordsItsUsageDirectly() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"choices": [{"message": {"role": "assistant", "content": "Hi there"}, "finish_reason": "stop"}],
                         "usage": {"prompt_tokens": 9, "completion_tokens": 3}}""")));
        try (Unreachable redis = new Unreachable()) {
            AiAnswer answer = gateway(redis.store, true).complete(caller(), prompt(UPSTREAM_MODEL, "Hello", 10));

            assertThat(answer.content()).isEqualTo("Hi there");
            assertThat(recorded).singleElement().satisfies(command -> assertThat(command.calls()).singleElement()
                    .satisfies(call -> {
                        assertThat(call.promptTokens()).isEqualTo(9);
                        assertThat(call.completionTokens()).isEqualTo(3);
                        // 9 tokens at 1 KWD and 3 at 2 KWD per 1,000
                        assertThat(call.costKwd()).isEqualByComparingTo(new BigDecimal("0.015"));
                    }));
        }
    }

    @Test
    void aFailingProviderGetsItsHoldRefundedAndNothingIsCharged() {
        upstream.stubFor(post("/v1/chat/completions").willReturn(aResponse().withStatus(503)));
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);

        assertThatThrownBy(() -> gateway(store, false).complete(caller(), prompt(UPSTREAM_MODEL, "Hello", 50)))
                .isInstanceOfSatisfying(AiGatewayRefusal.class, refusal ->
                        assertThat(refusal.kind()).isEqualTo(AiGatewayRefusal.Kind.PROVIDER_FAILED));

        QuotaUsage usage = store.usage(tenant, period());
        assertThat(usage.tokensReserved()).isZero();
        assertThat(usage.tokensUsed()).isZero();
        assertThat(usage.callsInFlight()).isZero();
        assertThat(store.takeFromOutbox("test", 10, Duration.ZERO, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aClientThatLeavesMidStreamIsChargedForWhatWasStreamedAndTheRestIsReturned() {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        AiGateway gateway = gateway(store, false);
        StringBuilder received = new StringBuilder();
        int[] pieces = {0};

        assertThatThrownBy(() -> gateway.stream(caller(), prompt(OFFLINE, "Tell me about quotas", 500), UUID.randomUUID(),
                delta -> {
                    if (++pieces[0] > 2) {
                        throw new IOException("client went away");
                    }
                    received.append(delta);
                })).isInstanceOf(IOException.class);

        long promptTokens = tokens.promptTokens(OFFLINE, List.of(new ChatMessage("user", "Tell me about quotas")));
        // the third piece reached the gateway before the client failed to take it: it was produced, so it counts
        QuotaUsage usage = store.usage(tenant, period());
        assertThat(usage.tokensReserved()).isZero();
        assertThat(usage.tokensUsed()).isGreaterThan(promptTokens + tokens.textTokens(OFFLINE, received.toString()) - 1)
                .isLessThan(promptTokens + 500);
        assertThat(store.takeFromOutbox("test", 10, Duration.ZERO, Duration.ofMinutes(1))).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.call().streamed()).isTrue();
                    assertThat(entry.call().totalTokens()).isEqualTo(usage.tokensUsed());
                });
    }

    @Test
    void missingCountersAreRebuiltFromTheRecordedUsageBeforeACallIsAdmitted() {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        long estimate = tokens.promptTokens(OFFLINE, List.of(new ChatMessage("user", "Hello"))) + 20;
        limits = new AiLimits(10_000, 1_000, 100);
        recordedTotals = new AiUsageTotals(10_000 - estimate + 1, Map.of());  // one token short of room for the call

        assertThatThrownBy(() -> gateway(store, false).complete(caller(), prompt(OFFLINE, "Hello", 20)))
                .isInstanceOfSatisfying(AiGatewayRefusal.class, refusal -> {
                    assertThat(refusal.kind()).isEqualTo(AiGatewayRefusal.Kind.QUOTA_EXCEEDED);
                    assertThat(refusal.reason()).isEqualTo(AiRejectionReason.TOKEN_BUDGET_EXHAUSTED);
                });
        assertThat(store.usage(tenant, period()).tokensUsed()).isEqualTo(10_000 - estimate + 1);

        TestRedis.deleteKeys(prefix);  // a flush of this test's keys
        recordedTotals = new AiUsageTotals(100, Map.of());
        AiAnswer answer = gateway(store, false).complete(caller(), prompt(OFFLINE, "Hello", 20));
        assertThat(store.usage(tenant, period()).tokensUsed()).isEqualTo(100 + answer.totalTokens());
    }

    @Test
    void manyCallersFindingTheCountersMissingReadTheRecordedUsageOnce() throws Exception {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        AiGateway gateway = gateway(store, false);
        ExecutorService callers = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AiAnswer>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(callers.submit(() -> {
                start.await();
                return gateway.complete(caller(), prompt(OFFLINE, "Hello", 5));
            }));
        }
        start.countDown();
        for (Future<AiAnswer> answer : answers) {
            answer.get();
        }
        callers.shutdown();

        assertThat(totalsRead.get()).isEqualTo(1);
    }

    @Test
    void whenTheRecordedUsageCannotBeReadTheCallFailsClosed() {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        recordedTotals = null;  // the read model does not answer

        assertThatThrownBy(() -> gateway(store, false).complete(caller(), prompt(OFFLINE, "Hello", 5)))
                .isInstanceOfSatisfying(AiGatewayRefusal.class, refusal ->
                        assertThat(refusal.kind()).isEqualTo(AiGatewayRefusal.Kind.QUOTA_STORE_UNAVAILABLE));
        assertThat(store.usage(tenant, period()).ready()).isFalse();
    }

    @Test
    void aSuspendedTenantIsRefusedBeforeAnythingIsReservedAndTheRefusalIsQueued() {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        AiGateway gateway = new AiGateway(providers(), tokens, store, admissions(false), queries(), recorder(),
                settings(false), Clock.systemUTC());

        assertThatThrownBy(() -> gateway.complete(caller(), prompt(OFFLINE, "Hello", 5)))
                .isInstanceOfSatisfying(AiGatewayRefusal.class, refusal ->
                        assertThat(refusal.kind()).isEqualTo(AiGatewayRefusal.Kind.TENANT_SUSPENDED));
        assertThat(store.usage(tenant, period()).callsInFlight()).isZero();
        assertThat(store.takeFromOutbox("test", 10, Duration.ZERO, Duration.ofMinutes(1))).singleElement()
                .satisfies(entry -> assertThat(entry.rejection().reason()).isEqualTo(AiRejectionReason.TENANT_SUSPENDED));
    }

    @Test
    void maxTokensIsCappedByTheCeilingAndDefaultsToIt() {
        QuotaStore store = new RedisQuotaStore(TestRedis.template(), prefix);
        AiGateway gateway = gateway(store, false);

        AiAnswer capped = gateway.complete(caller(), prompt("offline-large", "Write a long essay about quotas", 1_000_000));
        AiAnswer defaulted = gateway.complete(caller(), new AiPrompt("offline-large",
                List.of(new ChatMessage("user", "Write a long essay about quotas")), null, null));

        assertThat(capped.completionTokens()).isLessThanOrEqualTo(64);
        assertThat(defaulted.completionTokens()).isEqualTo(capped.completionTokens());
    }

    @Test
    void aServedModelWithoutAPriceStopsStartUp() {
        assertThatThrownBy(() -> new AiGateway(providers(), tokens, new RedisQuotaStore(TestRedis.template(), prefix),
                admissions(true), queries(), recorder(), new AiGatewayProperties(64, 16_000, Duration.ofMinutes(10),
                false, Duration.ofSeconds(1), "offline-mini=0.050/0.150"), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("offline-large");
    }

    private AiGateway gateway(QuotaStore store, boolean failOpen) {
        return new AiGateway(providers(), tokens, store, admissions(true), queries(), recorder(), settings(failOpen),
                Clock.systemUTC());
    }

    private static AiGatewayProperties settings(boolean failOpen) {
        return new AiGatewayProperties(64, 16_000, Duration.ofMinutes(10), failOpen, Duration.ZERO, PRICES);
    }

    private AiProviders providers() {
        return new AiProviders(new AiProviderProperties(upstream.baseUrl() + "/v1", "test-key", List.of(UPSTREAM_MODEL),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1, Duration.ofMillis(10), Duration.ofMillis(10),
                AiProviderProperties.MAX_TOKENS), tokens);
    }

    private DefaultQueryGateway queries;

    private DefaultQueryGateway queries() {
        if (queries != null) {
            return queries;
        }
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(FindAiUsageTotals.class.getName(), AiUsageTotals.class, query -> {
            totalsRead.incrementAndGet();
            if (recordedTotals == null) {
                throw new IllegalStateException("read model unavailable");
            }
            return recordedTotals;
        });
        queries = DefaultQueryGateway.builder().queryBus(bus).build();
        return queries;
    }

    private AdmissionCache admissions(boolean tenantActive) {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(FindAiAdmission.class.getName(), AiAdmission.class,
                query -> new AiAdmission(tenantActive, limits, true, null));
        return new AdmissionCache(DefaultQueryGateway.builder().queryBus(bus).build(), Duration.ZERO, Clock.systemUTC());
    }

    private UsageSender recorder() {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordAiUsage.class.getName(), command -> {
            recorded.add((RecordAiUsage) command.getPayload());
            return null;
        });
        return new UsageSender(DefaultCommandGateway.builder().commandBus(bus).build(), new SystemActor() {
            @Override
            public <T> T call(Supplier<T> work) {
                return work.get();
            }
        });
    }

    private AiCaller caller() {
        return new AiCaller(tenant, "user-1", null);
    }

    private static AiPrompt prompt(String model, String text, int maxTokens) {
        return new AiPrompt(model, List.of(new ChatMessage("user", text)), maxTokens, null);
    }

    private static BillingPeriod period() {
        return BillingPeriod.of(Instant.now());
    }

    /** A quota store whose Redis does not answer. */
    private static final class Unreachable implements AutoCloseable {
        final LettuceConnectionFactory connections;
        final QuotaStore store;

        Unreachable() {
            connections = TestRedis.unreachable();
            store = new RedisQuotaStore(new StringRedisTemplate(connections), "saas-test:unreachable:");
        }

        @Override
        public void close() {
            connections.destroy();
        }
    }
}
