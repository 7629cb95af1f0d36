package dev.saascore.command.ai.usage;

import dev.saascore.command.tenant.InMemoryTenantRegistry;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.ai.AiCall;
import dev.saascore.kernel.ai.AiRejection;
import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.ai.AiRequestRejected;
import dev.saascore.kernel.ai.AiUsageRecorded;
import dev.saascore.kernel.ai.AiUsageThresholdReached;
import dev.saascore.kernel.ai.BillingPeriod;
import dev.saascore.kernel.ai.RecordAiUsage;
import dev.saascore.kernel.ai.UsageMeterId;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage meter's rules, given / when / then, through the recorder that claims request ids. */
class AiUsageMeterTest {

    private static final TenantId TENANT = TenantId.random();
    private static final BillingPeriod PERIOD = BillingPeriod.parse("2026-11");
    private static final UsageMeterId METER = new UsageMeterId(TENANT, PERIOD);
    private static final Instant AT = Instant.parse("2026-11-15T10:00:00Z");
    private static final String OWNER = UUID.randomUUID().toString();
    private static final String KEY = "apikey:" + UUID.randomUUID();
    private static final long BUDGET = 1_000;

    private AggregateTestFixture<AiUsageMeter> fixture;
    private InMemoryTenantRegistry tenants;
    private InMemoryUsageRequests requests;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AiUsageMeter.class);
        tenants = new InMemoryTenantRegistry();
        tenants.claim(TENANT, "gulf");
        requests = new InMemoryUsageRequests(tenants);
        fixture.registerAnnotatedCommandHandler(new AiUsageRecorder(fixture.getRepository(), requests, tenants));
    }

    private static AiCall call(long promptTokens, long completionTokens) {
        return new AiCall(UUID.randomUUID(), OWNER, "gpt-4o-mini", promptTokens, completionTokens,
                new BigDecimal("0.001234"), 250, false, AT);
    }

    private static AiRejection rejection(AiRejectionReason reason) {
        return new AiRejection(UUID.randomUUID(), KEY, "gpt-4o-mini", reason, "1,000 tokens left", AT);
    }

    private static RecordAiUsage record(long budget, AiCall... calls) {
        return new RecordAiUsage(METER, budget, List.of(calls), List.of());
    }

    private static RecordAiUsage record(AiRejection... rejections) {
        return new RecordAiUsage(METER, BUDGET, List.of(), List.of(rejections));
    }

    private static AiUsageRecorded recorded(AiCall call, long budget) {
        return new AiUsageRecorded(call.requestId(), TENANT, PERIOD, call.actorId(), call.model(), call.promptTokens(),
                call.completionTokens(), call.costKwd(), call.latencyMillis(), call.streamed(), call.occurredAt(), budget);
    }

    private static AiRequestRejected rejected(AiRejection rejection) {
        return new AiRequestRejected(rejection.requestId(), TENANT, PERIOD, rejection.actorId(), rejection.model(),
                rejection.reason(), rejection.detail(), rejection.occurredAt());
    }

    private static AiUsageThresholdReached reached(int percent, long tokensUsed, long budget) {
        return new AiUsageThresholdReached(TENANT, PERIOD, percent, tokensUsed, budget, AT);
    }

    @Nested
    class Recording {

        @Test
        void theFirstUsageOfAPeriodStartsItsMeterWithEveryCallAndItsBudget() {
            AiCall first = call(100, 20);
            AiCall second = new AiCall(UUID.randomUUID(), KEY, "local-echo", 7, 3, new BigDecimal("0.000010"), 4, true, AT);
            fixture.givenNoPriorActivity()
                    .when(record(BUDGET, first, second))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(recorded(first, BUDGET), recorded(second, BUDGET));
        }

        @Test
        void refusalsAreRecordedWithTheirReason() {
            AiRejection refused = rejection(AiRejectionReason.API_KEY_BUDGET_EXHAUSTED);
            fixture.givenNoPriorActivity()
                    .when(record(refused))
                    .expectEvents(rejected(refused));
        }

        @Test
        void aBatchSentAgainRecordsNothing() {
            AiCall call = call(100, 20);
            AiRejection refused = rejection(AiRejectionReason.RATE_LIMITED);
            RecordAiUsage batch = new RecordAiUsage(METER, BUDGET, List.of(call), List.of(refused));
            fixture.givenCommands(batch)
                    .when(batch)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aBatchRecordsOnlyTheCallsNotRecordedBefore() {
            AiCall earlier = call(100, 20);
            AiCall later = call(5, 5);
            fixture.givenCommands(record(BUDGET, earlier))
                    .when(record(BUDGET, earlier, later))
                    .expectEvents(recorded(later, BUDGET));
        }

        @Test
        void aRequestIdTwiceInOneBatchIsRecordedOnce() {
            AiCall call = call(100, 20);
            fixture.givenNoPriorActivity()
                    .when(record(BUDGET, call, call))
                    .expectEvents(recorded(call, BUDGET));
        }

        @Test
        void aCallRecordedBeforeIsNotRecordedAgainAsARefusal() {
            AiCall call = call(100, 20);
            AiRejection sameRequest = new AiRejection(call.requestId(), OWNER, "gpt-4o-mini",
                    AiRejectionReason.TOO_MANY_CONCURRENT_REQUESTS, null, AT);
            fixture.givenCommands(record(BUDGET, call))
                    .when(record(sameRequest))
                    .expectNoEvents();
        }
    }

    @Nested
    class Thresholds {

        @Test
        void justBelowEightyPercentNoMarkIsReached() {
            AiCall below = call(60, 39);
            fixture.given(recorded(call(700, 0), BUDGET))
                    .when(record(BUDGET, below))
                    .expectEvents(recorded(below, BUDGET));
        }

        @Test
        void eightyPercentIsReachedByTheCallThatCrossesIt() {
            AiCall crossing = call(60, 40);
            fixture.given(recorded(call(700, 0), BUDGET))
                    .when(record(BUDGET, crossing))
                    .expectEvents(recorded(crossing, BUDGET), reached(80, 800, BUDGET));
        }

        @Test
        void eightyPercentIsReachedOnlyOncePerPeriod() {
            AiCall more = call(50, 0);
            fixture.given(recorded(call(800, 0), BUDGET), reached(80, 800, BUDGET))
                    .when(record(BUDGET, more))
                    .expectEvents(recorded(more, BUDGET));
        }

        @Test
        void aCallJumpingPastTheBudgetReachesBothMarksInOrder() {
            AiCall big = call(600, 500);
            fixture.givenNoPriorActivity()
                    .when(record(BUDGET, big))
                    .expectEvents(recorded(big, BUDGET), reached(80, 1_100, BUDGET), reached(100, 1_100, BUDGET));
        }

        @Test
        void eachMarkIsReachedAtTheCallOfTheBatchThatCrossesIt() {
            AiCall first = call(500, 0);
            AiCall second = call(350, 0);
            AiCall third = call(200, 0);
            AiCall fourth = call(10, 0);
            fixture.givenNoPriorActivity()
                    .when(record(BUDGET, first, second, third, fourth))
                    .expectEvents(recorded(first, BUDGET), recorded(second, BUDGET), reached(80, 850, BUDGET),
                            recorded(third, BUDGET), reached(100, 1_050, BUDGET), recorded(fourth, BUDGET));
        }

        @Test
        void aHundredPercentIsReachedOnlyOncePerPeriod() {
            AiCall more = call(10, 0);
            fixture.given(recorded(call(1_000, 0), BUDGET), reached(80, 1_000, BUDGET), reached(100, 1_000, BUDGET))
                    .when(record(BUDGET, more))
                    .expectEvents(recorded(more, BUDGET));
        }

        @Test
        void aLoweredBudgetCountsFromTheNextCall() {
            AiCall next = call(10, 0);
            fixture.given(recorded(call(500, 0), 10_000))
                    .when(record(600, next))
                    .expectEvents(recorded(next, 600), reached(80, 510, 600));
        }

        @Test
        void aRaisedBudgetDoesNotRepeatAMarkAlreadyReached() {
            AiCall next = call(900, 0);
            fixture.given(recorded(call(800, 0), BUDGET), reached(80, 800, BUDGET))
                    .when(record(2_000, next))
                    .expectEvents(recorded(next, 2_000));
        }
    }

    @Nested
    class Refusals {

        @Test
        void aMalformedBatchIsRefusedFieldByFieldAndClaimsNothing() {
            AiCall bad = new AiCall(UUID.randomUUID(), " ", "", -1, 5, new BigDecimal("0.0000001"), -3, false,
                    Instant.parse("2026-12-01T00:00:00Z"));
            AiRejection noReason = new AiRejection(null, KEY, null, null, null, AT);
            fixture.givenNoPriorActivity()
                    .when(new RecordAiUsage(METER, 0, List.of(call(1, 1), bad), List.of(noReason)))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", List.of(
                            new FieldViolation("periodTokenBudget", "must be at least 1"),
                            new FieldViolation("calls[1].actorId", "is required"),
                            new FieldViolation("calls[1].occurredAt", "must lie in the period 2026-11"),
                            new FieldViolation("calls[1].model", "is required"),
                            new FieldViolation("calls[1].tokens", "must not be negative"),
                            new FieldViolation("calls[1].costKwd", "must be zero or more, with at most 6 decimals"),
                            new FieldViolation("calls[1].latencyMillis", "must not be negative"),
                            new FieldViolation("rejections[0].requestId", "is required"),
                            new FieldViolation("rejections[0].reason", "is required"))));
            assertThat(requests.claimed).isEmpty();
        }

        @Test
        void usageOfAnUnknownTenantIsRefusedAsNotFound() {
            UsageMeterId unknown = new UsageMeterId(TenantId.random(), PERIOD);
            fixture.givenNoPriorActivity()
                    .when(new RecordAiUsage(unknown, BUDGET, List.of(call(1, 1)), List.of()))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND, "No such tenant."));
            assertThat(requests.claimed).isEmpty();
        }
    }
}
