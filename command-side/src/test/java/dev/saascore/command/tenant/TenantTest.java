package dev.saascore.command.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Tenant's rules, given / when / then. */
class TenantTest {

    private static final TenantId TENANT = TenantId.random();
    private static final UserId OWNER = UserId.random();

    private AggregateTestFixture<Tenant> fixture;
    private InMemoryTenantRegistry registry;
    private InMemoryStaffCredentials credentials;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        registry = new InMemoryTenantRegistry();
        credentials = new InMemoryStaffCredentials();
        fixture.registerAnnotatedCommandHandler(new TenantOnboardingHandler(fixture.getRepository(), registry, credentials));
    }

    private static OnboardTenant onboard(String slug, String email) {
        return new OnboardTenant(TENANT, "  Gulf Traders  ", slug, OWNER, "Noor Owner", email, "{bcrypt}hash");
    }

    private TenantOnboarded onboarded() {
        return new TenantOnboarded(TENANT, "Gulf Traders", "gulf", OWNER, "Noor Owner", "noor@gulf.test",
                fixture.currentTime());
    }

    @Nested
    class Onboarding {

        @Test
        void aValidTenantIsOnboardedWithItsOwnerAsCredentialNotInTheEvent() {
            fixture.givenNoPriorActivity()
                    .when(onboard("gulf", " Noor@Gulf.TEST "))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new TenantOnboarded(TENANT, "Gulf Traders", "gulf", OWNER, "Noor Owner",
                            "noor@gulf.test", fixture.currentTime()));
            assertThat(credentials.byEmail.get("noor@gulf.test").roles()).containsExactly(Role.OWNER);
            assertThat(credentials.byEmail.get("noor@gulf.test").passwordHash()).isEqualTo("{bcrypt}hash");
        }

        @Test
        void invalidInputIsRefusedFieldByFieldWithoutEvents() {
            fixture.givenNoPriorActivity()
                    .when(new OnboardTenant(TENANT, "", "-Bad-", OWNER, "x".repeat(101), "nope", ""))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class)
                    .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", List.of(
                            new FieldViolation("name", "This field is required."),
                            new FieldViolation("slug", "Use lower-case letters, digits and inner hyphens only (e.g. acme-kw)."),
                            new FieldViolation("ownerName", "Use at most 100 characters."),
                            new FieldViolation("ownerEmail", "Enter a valid e-mail address."),
                            new FieldViolation("ownerPassword", "An initial password is required."))));
            assertThat(registry.statuses).isEmpty();
        }

        @Test
        void aTakenSlugIsRefusedOnTheSlugField() {
            registry.claim(TenantId.random(), "gulf");
            fixture.givenNoPriorActivity()
                    .when(onboard("gulf", "noor@gulf.test"))
                    .expectNoEvents()
                    .expectExceptionDetails(new Rejection(Rejection.CONFLICT, "The slug 'gulf' is already taken.",
                            List.of(new FieldViolation("slug", "The slug 'gulf' is already taken."))));
        }

        @Test
        void anOwnerEmailAlreadyInUseIsRefusedOnTheEmailField() {
            credentials.add(new dev.saascore.command.identity.StaffCredential(UserId.random(), TenantId.random(),
                    "noor@gulf.test", "Someone", "{bcrypt}x", java.util.Set.of(Role.OWNER)));
            fixture.givenNoPriorActivity()
                    .when(onboard("gulf", "noor@gulf.test"))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class)
                    .expectExceptionMessage("An account with this e-mail address already exists.");
        }
    }

    @Nested
    class Suspension {

        @Test
        void anActiveTenantIsSuspendedWithItsReason() {
            fixture.given(onboarded())
                    .when(new SuspendTenant(TENANT, "  Unpaid invoices "))
                    .expectEvents(new TenantSuspended(TENANT, "Unpaid invoices", fixture.currentTime()));
        }

        @Test
        void aSuspensionNeedsAReason() {
            fixture.given(onboarded())
                    .when(new SuspendTenant(TENANT, "  "))
                    .expectNoEvents()
                    .expectExceptionDetails(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.",
                            List.of(new FieldViolation("reason", "A reason is required."))));
        }

        @Test
        void anOverlongReasonIsRefused() {
            fixture.given(onboarded())
                    .when(new SuspendTenant(TENANT, "x".repeat(501)))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class);
        }

        @Test
        void aSuspendedTenantCannotBeSuspendedAgain() {
            fixture.given(onboarded(), new TenantSuspended(TENANT, "Unpaid", Instant.EPOCH))
                    .when(new SuspendTenant(TENANT, "Again"))
                    .expectNoEvents()
                    .expectExceptionMessage("The tenant is already suspended.");
        }
    }

    @Nested
    class Reactivation {

        @Test
        void aSuspendedTenantIsReactivatedWithItsReason() {
            fixture.given(onboarded(), new TenantSuspended(TENANT, "Unpaid", Instant.EPOCH))
                    .when(new ReactivateTenant(TENANT, "Paid in full"))
                    .expectEvents(new TenantReactivated(TENANT, "Paid in full", fixture.currentTime()));
        }

        @Test
        void anActiveTenantCannotBeReactivated() {
            fixture.given(onboarded())
                    .when(new ReactivateTenant(TENANT, "Why not"))
                    .expectNoEvents()
                    .expectExceptionMessage("The tenant is already active.");
        }

        @Test
        void aReactivationNeedsAReason() {
            fixture.given(onboarded(), new TenantSuspended(TENANT, "Unpaid", Instant.EPOCH))
                    .when(new ReactivateTenant(TENANT, null))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class);
        }
    }
}
