package dev.saascore.ui.tenant;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The tenant slice end to end on real PostgreSQL: commands, events, projections, queries and sign-in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TenantOnboardingIT {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;
    @Autowired DaoAuthenticationProvider authentication;

    private final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.asSuperuser());

    @Test
    void onboardedTenantAppearsInTheDirectoryAndInItsOwnersProfile() {
        OnboardTenant command = onboarding(uniqueSlug("acme"));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));

        // two projections, each at its own pace
        await().atMost(Duration.ofSeconds(10)).until(() -> directoryHas(command.tenantId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> profileAs(command.tenantId(), command.tenantId()).isPresent());
        Optional<TenantProfile> profile = profileAs(command.tenantId(), command.tenantId());
        assertThat(profile).get().satisfies(p -> {
            assertThat(p.name()).isEqualTo("Acme Trading");
            assertThat(p.slug()).isEqualTo(command.slug());
            assertThat(p.ownerEmail()).isEqualTo(command.ownerEmail());
            assertThat(p.status()).isEqualTo(TenantStatus.ACTIVE);
        });
    }

    @Test
    void anotherTenantsOwnerGetsNotFoundForTheProfile() {
        TenantId tenantA = onboardAndProject(uniqueSlug("alpha"));
        TenantId tenantB = onboardAndProject(uniqueSlug("bravo"));

        assertThatThrownBy(() -> profileAs(tenantB, tenantA))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.NOT_FOUND));
        assertThat(profileAs(tenantB, tenantB)).isPresent();
    }

    @Test
    void tenantStaffCannotSendPlatformCommandsNorListTenants() {
        TenantId tenant = onboardAndProject(uniqueSlug("charlie"));

        assertThatThrownBy(() -> SignedIn.as(SignedIn.owner(tenant),
                () -> commands.sendAndWait(new SuspendTenant(tenant, "own goal"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
        assertThatThrownBy(() -> SignedIn.as(SignedIn.owner(tenant),
                () -> queries.query(new ListTenants(), TenantDirectory.class).join()))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
    }

    @Test
    void commandsWithoutASignedInCallerAreRefused() {
        long before = eventCount();
        assertThatThrownBy(() -> commands.sendAndWait(onboarding(uniqueSlug("nobody"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aTakenSlugIsRefusedOnTheSlugFieldAndWritesNothing() {
        String slug = uniqueSlug("taken");
        onboardAndProject(slug);
        long events = eventCount();
        long credentials = credentialCount();

        OnboardTenant duplicate = onboarding(slug);
        assertThatThrownBy(() -> SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(duplicate)))
                .satisfies(failure -> assertThat(rejection(failure).violations())
                        .extracting(v -> v.field()).containsExactly("slug"));
        assertThat(eventCount()).isEqualTo(events);
        assertThat(credentialCount()).isEqualTo(credentials);
    }

    @Test
    void aTakenOwnerEmailIsRefusedAndReleasesTheSlugClaim() {
        OnboardTenant first = onboarding(uniqueSlug("first"));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(first));
        String freshSlug = uniqueSlug("second");
        OnboardTenant sameOwner = new OnboardTenant(TenantId.random(), "Second", freshSlug, UserId.random(),
                "Owner", first.ownerEmail(), passwords.encode(PASSWORD));

        assertThatThrownBy(() -> SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(sameOwner)))
                .satisfies(failure -> assertThat(rejection(failure).violations())
                        .extracting(v -> v.field()).containsExactly("ownerEmail"));
        // the whole command rolled back: the slug it claimed first is free again
        assertThat(superuser.queryForObject(
                "SELECT count(*) FROM command_model.tenant_registry WHERE slug = ?", Long.class, freshSlug)).isZero();
    }

    @Test
    void invalidInputNamesEveryBadFieldAndWritesNothing() {
        long events = eventCount();
        OnboardTenant bad = new OnboardTenant(TenantId.random(), "x".repeat(101), "Not A Slug", UserId.random(),
                " ", "not-an-email", passwords.encode(PASSWORD));

        assertThatThrownBy(() -> SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(bad)))
                .satisfies(failure -> {
                    Rejection rejection = rejection(failure);
                    assertThat(rejection.code()).isEqualTo(Rejection.INVALID_INPUT);
                    assertThat(rejection.violations()).extracting(v -> v.field())
                            .containsExactlyInAnyOrder("name", "slug", "ownerName", "ownerEmail");
                });
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aSuspendedTenantsOwnerCannotSignInUntilReactivated() {
        OnboardTenant command = onboarding(uniqueSlug("paused"));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));
        assertThat(signIn(command.ownerEmail(), PASSWORD).isAuthenticated()).isTrue();

        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(
                new SuspendTenant(command.tenantId(), "Unpaid invoices")));
        assertThatThrownBy(() -> signIn(command.ownerEmail(), PASSWORD)).isInstanceOf(LockedException.class);
        // without the right password nobody learns that the tenant is suspended
        assertThatThrownBy(() -> signIn(command.ownerEmail(), "wrong-password-123"))
                .isInstanceOf(BadCredentialsException.class);

        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(
                new ReactivateTenant(command.tenantId(), "Paid")));
        assertThat(signIn(command.ownerEmail(), PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void eventsCarryTheCallerAsMetadataAndNeverThePasswordHash() {
        OnboardTenant command = onboarding(uniqueSlug("meta"));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));

        String payload = superuser.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ?""", String.class, command.tenantId().toString());
        String metaData = superuser.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ?""", String.class, command.tenantId().toString());
        assertThat(payload).contains(command.slug()).doesNotContain(command.ownerPasswordHash()).doesNotContain("bcrypt")
                .doesNotContain(command.ownerEmail()).doesNotContain(command.ownerName());
        assertThat(metaData).contains("\"actorId\"").contains("PLATFORM_ADMIN").contains("correlationId");
    }

    private TenantId onboardAndProject(String slug) {
        OnboardTenant command = onboarding(slug);
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));
        await().atMost(Duration.ofSeconds(10)).until(() -> profileAs(command.tenantId(), command.tenantId()).isPresent());
        return command.tenantId();
    }

    private OnboardTenant onboarding(String slug) {
        return new OnboardTenant(TenantId.random(), "Acme Trading", slug, UserId.random(), "Amal Owner",
                slug + "@owner.test", passwords.encode(PASSWORD));
    }

    private boolean directoryHas(TenantId tenantId) {
        return SignedIn.as(SignedIn.platformAdmin(), () -> queries.query(new ListTenants(), TenantDirectory.class)
                .join().tenants().stream().anyMatch(t -> t.tenantId().equals(tenantId)));
    }

    private Optional<TenantProfile> profileAs(TenantId callerTenant, TenantId requested) {
        return SignedIn.as(SignedIn.owner(callerTenant), () -> queries.query(new FindTenantProfile(requested),
                ResponseTypes.optionalInstanceOf(TenantProfile.class)).join());
    }

    private org.springframework.security.core.Authentication signIn(String email, String password) {
        return authentication.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
    }

    private long eventCount() {
        return superuser.queryForObject("SELECT count(*) FROM event_store.domain_event_entry", Long.class);
    }

    private long credentialCount() {
        return superuser.queryForObject("SELECT count(*) FROM command_model.staff_credential", Long.class);
    }

    private static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Rejection rejection(Throwable failure) {
        return Refusals.rejection(failure).orElseThrow(() -> new AssertionError("No rejection in " + failure, failure));
    }
}
