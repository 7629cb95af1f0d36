package dev.saascore.ui.ai;

import dev.saascore.command.ai.usage.AiUsageMeter;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.ai.AiAdmission;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiLimitsSet;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.AiUsageReport;
import dev.saascore.kernel.ai.AiUsageStatus;
import dev.saascore.kernel.ai.AiUsageThresholdReached;
import dev.saascore.kernel.ai.AiUsageTotals;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.FindAiAdmission;
import dev.saascore.kernel.ai.FindAiUsageReport;
import dev.saascore.kernel.ai.FindAiUsageStatus;
import dev.saascore.kernel.ai.FindAiUsageTotals;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.ai.UsageMeterId;
import dev.saascore.kernel.apikey.ApiKeyId;
import dev.saascore.kernel.apikey.ApiKeyList;
import dev.saascore.kernel.apikey.ApiScope;
import dev.saascore.kernel.apikey.CreateApiKey;
import dev.saascore.kernel.apikey.ListApiKeys;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.security.SystemCaller;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TenantFixtures;
import dev.saascore.ui.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * AI usage end to end on real PostgreSQL: recording through the command bus (as the gateway's recorder does, as the
 * system actor), the event store, the ai-usage projection with RLS, and the limits the gateway admits by.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiUsageRecordingIT {

    private static final BillingPeriod MARCH = BillingPeriod.parse("2025-03");
    private static final Instant MARCH_3 = Instant.parse("2025-03-03T10:00:00Z");
    private static final Duration PROJECTION = Duration.ofSeconds(15);

    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;
    @Autowired EventStore eventStore;
    @Autowired EventProcessingConfiguration processing;
    @Autowired TokenStore tokens;
    @Autowired PlatformTransactionManager transactions;

    private final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.asSuperuser());

    @Test
    void recordingTheSameRequestTwiceYieldsOneEventAndOneRow() {
        OnboardTenant tenant = onboard("once");
        AiCall call = call(owner(tenant), "gpt-4o-mini", 120, 30, "0.000450", MARCH_3);
        RecordAiUsage batch = batch(tenant, 10_000, List.of(call), List.of());

        record(batch);
        record(batch);

        assertThat(events(tenant, AiUsageRecorded.class)).isEqualTo(1);
        awaitStatus(tenant, status -> status.tokensUsed() == 150);
        assertThat(superuser.queryForObject("SELECT count(*) FROM read_model.ai_usage_call WHERE request_id = ?",
                Long.class, call.requestId())).isEqualTo(1);
        assertThat(status(tenant).costKwd()).isEqualTo(new BigDecimal("0.000450"));
    }

    @Test
    void dailyAndPeriodSumsAreExactAndNameEachPersonAndKey() {
        OnboardTenant tenant = onboard("sums");
        ApiKeyId key = createKey(tenant, "ci-bot", 50_000L);
        String owner = owner(tenant);
        String keyActor = "apikey:" + key;
        record(batch(tenant, 100_000, List.of(
                call(owner, "gpt-4o-mini", 100, 50, "0.000123", MARCH_3),
                call(owner, "gpt-4o-mini", 200, 25, "0.001000", Instant.parse("2025-03-03T23:59:59Z"))), List.of()));
        record(batch(tenant, 100_000, List.of(
                call(keyActor, "gpt-4o-mini", 1_000, 500, "0.010500", Instant.parse("2025-03-04T00:00:00Z")),
                call(keyActor, "local-echo", 10, 5, "0.000000", Instant.parse("2025-03-04T12:00:00Z"))),
                List.of(new AiRejection(UUID.randomUUID(), keyActor, "gpt-4o-mini", AiRejectionReason.RATE_LIMITED,
                        "600 requests per minute", Instant.parse("2025-03-04T12:00:01Z")))));

        await().atMost(PROJECTION).until(() -> report(tenant, 3, 31).rejections() == 1
                && status(tenant).tokensUsed() == 1_890);

        AiUsageReport march = report(tenant, 1, 31);
        assertThat(march.days()).containsExactly(
                new AiUsageReport.Day(LocalDate.of(2025, 3, 3), 2, 300, 75, new BigDecimal("0.001123")),
                new AiUsageReport.Day(LocalDate.of(2025, 3, 4), 2, 1_010, 505, new BigDecimal("0.010500")));
        assertThat(march.breakdown()).containsExactly(
                new AiUsageReport.Breakdown("gpt-4o-mini", keyActor, "API key 'ci-bot'", 1, 1_000, 500,
                        new BigDecimal("0.010500")),
                new AiUsageReport.Breakdown("gpt-4o-mini", owner, "Umar Usage", 2, 300, 75, new BigDecimal("0.001123")),
                new AiUsageReport.Breakdown("local-echo", keyActor, "API key 'ci-bot'", 1, 10, 5,
                        new BigDecimal("0.000000")));
        assertThat(march.rejections()).isEqualTo(1);

        AiUsageReport fourthOnly = report(tenant, 4, 4);
        assertThat(fourthOnly.days()).extracting(AiUsageReport.Day::day).containsExactly(LocalDate.of(2025, 3, 4));
        assertThat(fourthOnly.breakdown()).extracting(AiUsageReport.Breakdown::actorId).containsOnly(keyActor);
        AiUsageReport later = report(tenant, 5, 31);
        assertThat(later.days()).isEmpty();
        assertThat(later.rejections()).isZero();

        assertThat(SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new FindAiUsageTotals(tenant.tenantId(), MARCH), AiUsageTotals.class).join()))
                .isEqualTo(new AiUsageTotals(1_890, Map.of(key.toString(), 1_515L)));
        assertThat(status(tenant)).isEqualTo(new AiUsageStatus(MARCH, 1_890, 100_000, new BigDecimal("0.011623"), 0));
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        OnboardTenant alpha = onboard("alpha");
        OnboardTenant bravo = onboard("bravo");
        record(batch(alpha, 10_000, List.of(call(owner(alpha), "gpt-4o-mini", 40, 2, "0.000042", MARCH_3)), List.of()));
        awaitStatus(alpha, status -> status.tokensUsed() == 42);

        assertThatThrownBy(() -> SignedIn.as(SignedIn.owner(bravo.tenantId()), () -> queries.query(
                new FindAiUsageStatus(alpha.tenantId(), MARCH), AiUsageStatus.class).join()))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.NOT_FOUND));
        assertThat(report(bravo, 1, 31).days()).isEmpty();
        assertThat(status(bravo)).isEqualTo(new AiUsageStatus(MARCH, 0, 0, new BigDecimal("0.000000"), 0));
    }

    @Test
    void eachThresholdShowsInTheStatusOncePerPeriod() {
        OnboardTenant tenant = onboard("marks");
        record(batch(tenant, 1_000, List.of(call(owner(tenant), "gpt-4o-mini", 800, 50, "0.000850", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.highestThreshold() == 80);

        record(batch(tenant, 1_000, List.of(call(owner(tenant), "gpt-4o-mini", 150, 50, "0.000200", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.highestThreshold() == 100);
        record(batch(tenant, 1_000, List.of(call(owner(tenant), "gpt-4o-mini", 100, 0, "0.000100", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.tokensUsed() == 1_150);

        assertThat(status(tenant)).isEqualTo(new AiUsageStatus(MARCH, 1_150, 1_000, new BigDecimal("0.001150"), 100));
        assertThat(events(tenant, AiUsageThresholdReached.class)).isEqualTo(2);
    }

    @Test
    void limitsSetByAPlatformAdministratorChangeWhatTheGatewayAdmits() {
        OnboardTenant tenant = onboard("limits");
        OnboardTenant other = onboard("other");
        ApiKeyId key = createKey(tenant, "ci-bot", 50_000L);
        ApiKeyId othersKey = createKey(other, "theirs", 70_000L);

        assertThat(admission(tenant, key)).isEqualTo(new AiAdmission(true, new AiLimits(1_000_000, 600, 32), false, 50_000L));
        assertThat(admission(tenant, othersKey).apiKeyBudget()).isNull();
        assertThat(admission(tenant, null).apiKeyBudget()).isNull();

        AiLimits pro = new AiLimits(5_000_000, 120, 8);
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SetAiLimits(tenant.tenantId(), pro, "Pro plan")));

        assertThat(admission(tenant, key)).isEqualTo(new AiAdmission(true, pro, true, 50_000L));
        assertThat(admission(other, null).limitsExplicit()).isFalse();
    }

    @Test
    void aTenantOwnerCannotSetTheTenantsLimits() {
        OnboardTenant tenant = onboard("self");

        assertThatThrownBy(() -> SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> commands.sendAndWait(
                new SetAiLimits(tenant.tenantId(), new AiLimits(AiLimits.MAX_BUDGET, 1_000, 100), "More please"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
        assertThat(events(tenant, AiLimitsSet.class)).isZero();
        assertThat(admission(tenant, null).limitsExplicit()).isFalse();
    }

    @Test
    void aSuspendedTenantIsNotAdmittedUntilReactivated() {
        OnboardTenant tenant = onboard("paused");
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new SuspendTenant(tenant.tenantId(), "Unpaid")));
        assertThat(admission(tenant, null).tenantActive()).isFalse();

        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(new ReactivateTenant(tenant.tenantId(), "Paid")));
        assertThat(admission(tenant, null).tenantActive()).isTrue();
    }

    @Test
    void aLongMeterIsSnapshottedInTheBackgroundAndReadFromItsSnapshot() {
        OnboardTenant tenant = onboard("long");
        List<AiCall> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            calls.add(call(owner(tenant), "gpt-4o-mini", 10, 1, "0.000011", MARCH_3));
        }
        record(batch(tenant, 1_000_000, calls, List.of()));

        String meter = meter(tenant).toString();
        await().atMost(PROJECTION).until(() -> superuser.queryForObject(
                "SELECT count(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, meter) > 0);
        DomainEventMessage<?> first = eventStore.readEvents(meter).peek();
        assertThat(first.getPayload()).isInstanceOf(AiUsageMeter.class);
        assertThat(first.getSequenceNumber()).isEqualTo(119);
        assertThat(((AiUsageMeter) first.getPayload()).getTokensUsed()).isEqualTo(1_320);

        record(batch(tenant, 1_000_000, List.of(call(owner(tenant), "gpt-4o-mini", 5, 5, "0.000010", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.tokensUsed() == 1_330);
    }

    @Test
    void aReplayRebuildsTheFiguresFromTheEvents() {
        OnboardTenant tenant = onboard("replay");
        record(batch(tenant, 10_000, List.of(
                call(owner(tenant), "gpt-4o-mini", 300, 20, "0.000320", MARCH_3),
                call(owner(tenant), "local-echo", 7, 3, "0.000000", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.tokensUsed() == 330);
        AiUsageReport before = report(tenant, 1, 31);
        // figures that disagree with the events: only a replay that starts the tables over can correct them
        superuser.update("UPDATE read_model.ai_usage_period SET tokens = 1 WHERE tenant_id = ?", tenant.tenantId().value());
        superuser.update("UPDATE read_model.ai_usage_daily SET calls = 99 WHERE tenant_id = ?", tenant.tenantId().value());

        StreamingEventProcessor processor = processing.eventProcessor("ai-usage", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();

        awaitStatus(tenant, status -> status.tokensUsed() == 330);
        assertThat(report(tenant, 1, 31)).isEqualTo(before);
    }

    /** The projection's batches run again over the same events, as after a crash before their tokens were stored. */
    @Test
    void eventsDeliveredAgainWithoutAResetChangeNothing() {
        OnboardTenant tenant = onboard("redelivered");
        Instant before = Instant.now();
        record(batch(tenant, 10_000, List.of(
                call(owner(tenant), "gpt-4o-mini", 300, 20, "0.000320", MARCH_3),
                call(owner(tenant), "gpt-4o-mini", 40, 2, "0.000042", MARCH_3),
                call(owner(tenant), "local-echo", 7, 3, "0.000000", MARCH_3)), List.of()));
        awaitStatus(tenant, status -> status.tokensUsed() == 372);
        AiUsageReport once = report(tenant, 1, 31);

        StreamingEventProcessor processor = processing.eventProcessor("ai-usage", StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        try {
            TrackingToken earlier = eventStore.createTokenAt(before.minusSeconds(1));
            new TransactionTemplate(transactions).executeWithoutResult(inTransaction -> {
                for (int segment : tokens.fetchSegments("ai-usage")) {
                    tokens.storeToken(earlier, "ai-usage", segment);
                    tokens.releaseClaim("ai-usage", segment);
                }
            });
        } finally {
            processor.start();
        }
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(PROJECTION).until(() -> !processor.processingStatus().isEmpty()
                && processor.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()
                && status.getCurrentPosition().orElse(-1) >= head));

        assertThat(status(tenant).tokensUsed()).isEqualTo(372);
        assertThat(report(tenant, 1, 31)).isEqualTo(once);
    }

    private OnboardTenant onboard(String name) {
        String slug = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return TenantFixtures.onboard(commands, queries, new OnboardTenant(TenantId.random(), "Usage Co", slug,
                UserId.random(), "Umar Usage", slug + "@owner.test", passwords.encode("correct-horse-battery")));
    }

    /** Created as the tenant's owner does; waits until the key list (which names keys in reports) shows it. */
    private ApiKeyId createKey(OnboardTenant tenant, String name, Long budget) {
        ApiKeyId key = ApiKeyId.random();
        SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> commands.sendAndWait(new CreateApiKey(key, tenant.tenantId(),
                name, Set.of(ApiScope.AI_INVOKE), null, budget, UUID.randomUUID().toString().substring(0, 8),
                SecretTokens.hash(SecretTokens.newToken()))));
        await().atMost(PROJECTION).until(() -> SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new ListApiKeys(tenant.tenantId()), ApiKeyList.class).join()).keys().stream()
                .anyMatch(summary -> summary.keyId().equals(key)));
        return key;
    }

    private static String owner(OnboardTenant tenant) {
        return tenant.ownerId().toString();
    }

    private static AiCall call(String actor, String model, long prompt, long completion, String cost, Instant at) {
        return new AiCall(UUID.randomUUID(), actor, model, prompt, completion, new BigDecimal(cost), 35, false, at);
    }

    private static UsageMeterId meter(OnboardTenant tenant) {
        return new UsageMeterId(tenant.tenantId(), MARCH);
    }

    private static RecordAiUsage batch(OnboardTenant tenant, long budget, List<AiCall> calls, List<AiRejection> rejections) {
        return new RecordAiUsage(meter(tenant), budget, calls, rejections);
    }

    /** As the gateway's usage recorder sends it. */
    private void record(RecordAiUsage batch) {
        SystemCaller.call(() -> commands.sendAndWait(batch));
    }

    private long events(OnboardTenant tenant, Class<?> type) {
        return superuser.queryForObject("""
                        SELECT count(*) FROM event_store.domain_event_entry
                        WHERE aggregate_identifier IN (?, ?) AND payload_type = ?""", Long.class,
                meter(tenant).toString(), tenant.tenantId().toString(), type.getName());
    }

    private AiUsageStatus status(OnboardTenant tenant) {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new FindAiUsageStatus(tenant.tenantId(), MARCH), AiUsageStatus.class).join());
    }

    private void awaitStatus(OnboardTenant tenant, Predicate<AiUsageStatus> expected) {
        await().atMost(PROJECTION).until(() -> expected.test(status(tenant)));
    }

    private AiUsageReport report(OnboardTenant tenant, int fromDay, int toDay) {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(new FindAiUsageReport(tenant.tenantId(),
                LocalDate.of(2025, 3, fromDay), LocalDate.of(2025, 3, toDay)), AiUsageReport.class).join());
    }

    private AiAdmission admission(OnboardTenant tenant, ApiKeyId key) {
        return SignedIn.as(SignedIn.owner(tenant.tenantId()), () -> queries.query(
                new FindAiAdmission(tenant.tenantId(), key), AiAdmission.class).join());
    }

    private static Rejection rejection(Throwable failure) {
        return Refusals.rejection(failure).orElseThrow(() -> new AssertionError("No rejection in " + failure, failure));
    }
}
