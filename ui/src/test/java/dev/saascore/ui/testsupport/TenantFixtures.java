package dev.saascore.ui.testsupport;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.StaffList;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.tenant.FindTenantProfile;
import dev.saascore.kernel.tenant.ListTenants;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.TenantDirectory;
import dev.saascore.kernel.tenant.TenantProfile;
import dev.saascore.ui.security.SecretTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Tenants and their staff set up through the command gateway, as the platform does it, for tests that go on
 * through the UI. Each step waits until the projections the views read show it.
 */
public final class TenantFixtures {

    private static final Duration PROJECTIONS = Duration.ofSeconds(10);

    private TenantFixtures() {
    }

    /** Onboards as the platform administrator; waits for the tenant's profile, the directory and the team. */
    public static OnboardTenant onboard(CommandGateway commands, QueryGateway queries, OnboardTenant command) {
        SignedIn.as(SignedIn.platformAdmin(), () -> commands.sendAndWait(command));
        await().atMost(PROJECTIONS).until(() -> SignedIn.as(SignedIn.owner(command.tenantId()),
                () -> queries.query(new FindTenantProfile(command.tenantId()),
                        ResponseTypes.optionalInstanceOf(TenantProfile.class)).join().isPresent()));
        await().atMost(PROJECTIONS).until(() -> SignedIn.as(SignedIn.platformAdmin(),
                () -> queries.query(new ListTenants(), TenantDirectory.class).join().tenants().stream()
                        .anyMatch(t -> t.tenantId().equals(command.tenantId()))));
        awaitTeamMember(queries, command.tenantId(), command.ownerEmail(), StaffStatus.ACTIVE);
        return command;
    }

    /**
     * Invites as an owner of the tenant, as the Team view does, and returns the single-use token of the
     * link; waits until the team shows the invitation.
     */
    public static String invite(CommandGateway commands, QueryGateway queries, TenantId tenant, String email, Role role) {
        String token = SecretTokens.newToken();
        SignedIn.as(SignedIn.owner(tenant), () -> commands.sendAndWait(new InviteStaff(tenant, UserId.random(), email,
                role, SecretTokens.hash(token), Instant.now().plus(Duration.ofHours(72)))));
        awaitTeamMember(queries, tenant, email, StaffStatus.INVITED);
        return token;
    }

    /**
     * Invites a person with the role and accepts for them: a real account that signs in with the password.
     * Returns its e-mail address.
     */
    public static String join(CommandGateway commands, QueryGateway queries, PasswordEncoder passwords, TenantId tenant,
                              Role role, String password) {
        String email = role.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@staff.test";
        String token = invite(commands, queries, tenant, email, role);
        commands.sendAndWait(new AcceptInvitation(SecretTokens.hash(token), "Test " + role, passwords.encode(password)));
        return email;
    }

    /** The tenant's team as its owner sees it. */
    public static StaffList team(QueryGateway queries, TenantId tenant) {
        return SignedIn.as(SignedIn.owner(tenant), () -> queries.query(new ListStaff(tenant), StaffList.class).join());
    }

    public static Optional<StaffMember> member(QueryGateway queries, TenantId tenant, String email) {
        return team(queries, tenant).members().stream().filter(member -> member.email().equals(email)).findFirst();
    }

    public static void awaitTeamMember(QueryGateway queries, TenantId tenant, String email, StaffStatus status) {
        await().atMost(PROJECTIONS).until(() -> member(queries, tenant, email)
                .map(member -> member.status() == status).orElse(false));
    }
}
