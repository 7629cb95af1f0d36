package dev.saascore.ui.staff;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.kernel.identity.ChangeOwnPassword;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.ChangeStaffRole;
import dev.saascore.kernel.staff.DeactivateStaff;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.ReactivateStaff;
import dev.saascore.kernel.staff.StaffList;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.staff.UnlockStaffSignIn;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.ui.security.SecretTokens;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.testsupport.SignedIn;
import dev.saascore.ui.testsupport.TestDatabase;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Staff through the buses on real PostgreSQL: invitations, roles, deactivation and who may do what. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffIT {

    private static final String PASSWORD = "correct-horse-battery";

    @Autowired CommandGateway commands;
    @Autowired QueryGateway queries;
    @Autowired PasswordEncoder passwords;
    @Autowired DaoAuthenticationProvider authentication;

    private final JdbcTemplate superuser = new JdbcTemplate(TestDatabase.asSuperuser());
    private TenantId tenant;
    private StaffPrincipal owner;

    @BeforeEach
    void onboardATenant() {
        String slug = "team-" + UUID.randomUUID().toString().substring(0, 8);
        OnboardTenant onboarding = new OnboardTenant(TenantId.random(), "Team Co", slug, UserId.random(), "Olivia Owner",
                slug + "@owner.test", passwords.encode(PASSWORD));
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(onboarding));
        tenant = onboarding.tenantId();
        owner = SignedIn.owner(tenant);
    }

    @Test
    void anInvitedPersonAcceptsAndSignsInWithTheInvitedRole() {
        String email = invitee("finance");
        String token = invite(email, Role.FINANCE);

        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Fatima Finance", passwords.encode(PASSWORD)));

        StaffPrincipal signedIn = signIn(email, PASSWORD);
        assertThat(signedIn.account().roles()).containsExactly(Role.FINANCE);
        assertThat(signedIn.account().tenantId()).isEqualTo(tenant);
        await().atMost(Duration.ofSeconds(10)).until(() -> team().members().stream()
                .anyMatch(m -> m.email().equals(email) && m.status() == StaffStatus.ACTIVE
                        && "Fatima Finance".equals(m.displayName())));
    }

    @Test
    void anInvitationLinkWorksOnlyOnce() {
        String token = invite(invitee("once"), Role.MEMBER);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "First", passwords.encode(PASSWORD)));

        assertThatThrownBy(() -> commands.sendAndWait(
                new AcceptInvitation(SecretTokens.hash(token), "Second", passwords.encode(PASSWORD))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.NOT_FOUND));
    }

    @Test
    void anExpiredInvitationLinkIsRefusedAndWritesNothing() {
        String email = invitee("late");
        String token = invite(email, Role.MEMBER);
        superuser.update("UPDATE command_model.staff_invitation SET expires_at = now() - interval '1 minute' WHERE email = ?", email);
        long credentials = superuser.queryForObject("SELECT count(*) FROM command_model.staff_credential", Long.class);

        assertThatThrownBy(() -> commands.sendAndWait(
                new AcceptInvitation(SecretTokens.hash(token), "Late", passwords.encode(PASSWORD))))
                .satisfies(failure -> assertThat(rejection(failure).message()).contains("expired"));
        assertThat(superuser.queryForObject("SELECT count(*) FROM command_model.staff_credential", Long.class))
                .isEqualTo(credentials);
    }

    @Test
    void aMemberCannotInvite() {
        StaffPrincipal member = SignedIn.principal(tenant, Role.MEMBER);
        assertThatThrownBy(() -> SignedIn.as(member, () -> commands.sendAndWait(inviteCommand(invitee("nope"), Role.MEMBER, "t"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
    }

    @Test
    void anAuditorCannotSendCommands() {
        StaffPrincipal auditor = SignedIn.principal(tenant, Role.AUDITOR);
        assertThatThrownBy(() -> SignedIn.as(auditor, () -> commands.sendAndWait(
                new ChangeStaffRole(tenant, owner.account().userId(), Role.MEMBER, "audit"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
    }

    @Test
    void aDeactivatedPersonCannotSignInUntilReactivated() {
        String email = invitee("leaver");
        String token = invite(email, Role.MEMBER);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Leaver", passwords.encode(PASSWORD)));
        UserId leaver = signIn(email, PASSWORD).account().userId();

        SignedIn.as(owner, () -> commands.sendAndWait(new DeactivateStaff(tenant, leaver, "Left the company")));
        assertThatThrownBy(() -> signIn(email, PASSWORD)).isInstanceOf(DisabledException.class);

        SignedIn.as(owner, () -> commands.sendAndWait(new ReactivateStaff(tenant, leaver, "Rehired")));
        assertThat(signIn(email, PASSWORD).account().active()).isTrue();
    }

    @Test
    void aRoleChangeHoldsAtTheNextSignIn() {
        String email = invitee("promoted");
        String token = invite(email, Role.MEMBER);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Promoted", passwords.encode(PASSWORD)));
        UserId promoted = signIn(email, PASSWORD).account().userId();

        SignedIn.as(owner, () -> commands.sendAndWait(new ChangeStaffRole(tenant, promoted, Role.ADMIN, "Office manager")));

        assertThat(signIn(email, PASSWORD).account().roles()).containsExactly(Role.ADMIN);
    }

    @Test
    void anotherTenantsTeamIsNotFound() {
        StaffPrincipal stranger = SignedIn.owner(TenantId.random());
        assertThatThrownBy(() -> SignedIn.as(stranger, () -> queries.query(new ListStaff(tenant), StaffList.class).join()))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.NOT_FOUND));
    }

    @Test
    void theInvitationEventHoldsNeitherTheAddressNorTheTokenInClear() {
        String email = invitee("private");
        String token = invite(email, Role.MEMBER);
        String payloads = String.join("\n", superuser.queryForList("""
                SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ?""", String.class, tenant.toString()));
        assertThat(payloads).contains("\"role\":\"MEMBER\"")
                .doesNotContain(email).doesNotContain(token).doesNotContain(SecretTokens.hash(token));
    }

    @Test
    void aPersonChangesTheirOwnPasswordAndHistoryRecordsItWithoutTheHash() {
        String email = invitee("renew");
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(invite(email, Role.MEMBER)), "Renew", passwords.encode(PASSWORD)));
        StaffPrincipal self = signIn(email, PASSWORD);
        String newHash = passwords.encode("a-brand-new-password");

        SignedIn.as(self, () -> commands.sendAndWait(new ChangeOwnPassword(self.account().userId(), newHash)));

        assertThat(signIn(email, "a-brand-new-password").account().userId()).isEqualTo(self.account().userId());
        assertThatThrownBy(() -> signIn(email, PASSWORD)).isInstanceOf(BadCredentialsException.class);
        String payload = superuser.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM event_store.domain_event_entry
                WHERE payload_type = 'dev.saascore.kernel.identity.StaffPasswordChanged'
                  AND convert_from(payload, 'UTF8') LIKE '%' || ? || '%'""",
                String.class, self.account().userId().toString());
        assertThat(payload).doesNotContain(newHash).doesNotContain("bcrypt");
    }

    @Test
    void thePlatformAdministratorsPasswordStaysWithTheConfiguration() {
        StaffPrincipal admin = signIn("admin@saas.local", "admin-change-me");
        assertThatThrownBy(() -> SignedIn.as(admin, () -> commands.sendAndWait(
                new ChangeOwnPassword(admin.account().userId(), passwords.encode("another-admin-password")))))
                .satisfies(failure -> assertThat(rejection(failure).message()).contains("PLATFORM_ADMIN_PASSWORD"));
        assertThat(signIn("admin@saas.local", "admin-change-me").account().userId()).isEqualTo(admin.account().userId());
    }

    @Test
    void nobodyChangesSomeoneElsesPassword() {
        StaffPrincipal other = SignedIn.principal(tenant, Role.OWNER);
        assertThatThrownBy(() -> SignedIn.as(other, () -> commands.sendAndWait(
                new ChangeOwnPassword(owner.account().userId(), passwords.encode("hijacked-password")))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
    }

    @Test
    void anOwnerUnlocksASignInAndAMemberMayNot() {
        String email = invitee("locked");
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(invite(email, Role.MEMBER)), "Locked", passwords.encode(PASSWORD)));
        UserId locked = signIn(email, PASSWORD).account().userId();

        assertThatThrownBy(() -> SignedIn.as(SignedIn.principal(tenant, Role.MEMBER),
                () -> commands.sendAndWait(new UnlockStaffSignIn(tenant, locked, "please"))))
                .satisfies(failure -> assertThat(rejection(failure).code()).isEqualTo(Rejection.FORBIDDEN));
        SignedIn.as(owner, () -> commands.sendAndWait(new UnlockStaffSignIn(tenant, locked, "Typo storm")));
        assertThat(superuser.queryForObject("""
                SELECT count(*) FROM event_store.domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = 'dev.saascore.kernel.staff.StaffSignInUnlocked'""",
                Long.class, tenant.toString())).isEqualTo(1L);
    }

    private String invite(String email, Role role) {
        String token = SecretTokens.newToken();
        SignedIn.as(owner, () -> commands.sendAndWait(inviteCommand(email, role, token)));
        return token;
    }

    private InviteStaff inviteCommand(String email, Role role, String token) {
        return new InviteStaff(tenant, UserId.random(), email, role, SecretTokens.hash(token),
                Instant.now().plus(Duration.ofHours(72)));
    }

    private StaffList team() {
        return SignedIn.as(owner, () -> queries.query(new ListStaff(tenant), StaffList.class).join());
    }

    private StaffPrincipal signIn(String email, String password) {
        return (StaffPrincipal) authentication.authenticate(
                UsernamePasswordAuthenticationToken.unauthenticated(email, password)).getPrincipal();
    }

    private static String invitee(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@staff.test";
    }

    private static Rejection rejection(Throwable failure) {
        return Refusals.rejection(failure).orElseThrow(() -> new AssertionError("No rejection in " + failure, failure));
    }
}
