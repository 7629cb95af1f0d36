package dev.saascore.command.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.ai.AiLimits;
import dev.saascore.kernel.ai.AiLimitsSet;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** A tenant's AI limits, given / when / then (who may set them is the caller guard's rule). */
class TenantAiLimitsTest {

    private static final TenantId TENANT = TenantId.random();
    private static final AiLimits PRO = new AiLimits(5_000_000, 120, 8);

    private AggregateTestFixture<Tenant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
    }

    private TenantOnboarded onboarded() {
        return new TenantOnboarded(TENANT, "Gulf Traders", "gulf", UserId.random(), "Noor Owner", "noor@gulf.test",
                Instant.EPOCH);
    }

    @Test
    void validLimitsAreSetWithTheirReason() {
        fixture.given(onboarded())
                .when(new SetAiLimits(TENANT, PRO, "  Upgraded to Pro "))
                .expectEvents(new AiLimitsSet(TENANT, PRO, "Upgraded to Pro", fixture.currentTime()));
    }

    @Test
    void aSuspendedTenantMayGetNewLimits() {
        fixture.given(onboarded(), new TenantSuspended(TENANT, "Unpaid", Instant.EPOCH))
                .when(new SetAiLimits(TENANT, PRO, "Plan renewed"))
                .expectEvents(new AiLimitsSet(TENANT, PRO, "Plan renewed", fixture.currentTime()));
    }

    @Test
    void limitsOutOfRangeAreRefusedFieldByFieldWithoutEvents() {
        fixture.given(onboarded())
                .when(new SetAiLimits(TENANT, new AiLimits(0, AiLimits.MAX_REQUESTS_PER_MINUTE + 1, -1), " "))
                .expectNoEvents()
                .expectException(CommandExecutionException.class)
                .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", List.of(
                        new FieldViolation("monthlyTokenBudget", "must be between 1 and " + AiLimits.MAX_BUDGET),
                        new FieldViolation("requestsPerMinute",
                                "must be between 1 and " + AiLimits.MAX_REQUESTS_PER_MINUTE),
                        new FieldViolation("maxConcurrentRequests", "must be between 1 and " + AiLimits.MAX_CONCURRENT),
                        new FieldViolation("reason", "A reason is required."))));
    }

    @Test
    void missingLimitsAreRefused() {
        fixture.given(onboarded())
                .when(new SetAiLimits(TENANT, null, "Reset"))
                .expectNoEvents()
                .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.",
                        List.of(new FieldViolation("limits", "Limits are required."))));
    }

    @Test
    void anUnknownTenantIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new SetAiLimits(TENANT, PRO, "Upgraded to Pro"))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
