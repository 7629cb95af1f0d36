package dev.saascore.command.tenant;

import dev.saascore.command.staff.Invitation;
import dev.saascore.command.staff.Invitations;
import dev.saascore.command.staff.StaffInvitationHandler;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.ChangeStaffRole;
import dev.saascore.kernel.staff.DeactivateStaff;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.kernel.staff.ReactivateStaff;
import dev.saascore.kernel.staff.StaffDeactivated;
import dev.saascore.kernel.staff.StaffInvited;
import dev.saascore.kernel.staff.StaffJoined;
import dev.saascore.kernel.staff.StaffReactivated;
import dev.saascore.kernel.staff.StaffRoleChanged;
import dev.saascore.kernel.tenant.TenantOnboarded;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The team rules of a tenant, given / when / then. */
class TenantTeamTest {

    private static final TenantId TENANT = TenantId.random();
    private static final UserId OWNER = UserId.random();
    private static final UserId SECOND = UserId.random();
    private static final Instant EXPIRES = Instant.now().plus(Duration.ofDays(3));

    private AggregateTestFixture<Tenant> fixture;
    private InMemoryStaffCredentials credentials;
    private final Map<String, Invitation> invitations = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tenant.class);
        credentials = new InMemoryStaffCredentials();
        fixture.registerAnnotatedCommandHandler(new StaffInvitationHandler(fixture.getRepository(), new Invitations() {
            @Override
            public boolean add(Invitation invitation) {
                return invitations.values().stream().noneMatch(i -> i.email().equals(invitation.email()))
                        && invitations.putIfAbsent(invitation.tokenHash(), invitation) == null;
            }

            @Override
            public Optional<Invitation> redeem(String tokenHash) {
                return Optional.ofNullable(invitations.remove(tokenHash));
            }
        }, credentials));
    }

    private TenantOnboarded onboarded() {
        return new TenantOnboarded(TENANT, "Gulf Traders", "gulf", OWNER, "Noor", "noor@gulf.test", Instant.EPOCH);
    }

    private static MetaData as(Role role) {
        return MetaData.from(new Caller("actor", TENANT, Set.of(role)).toMetaData());
    }

    private static InviteStaff invite(UserId who, String email, Role role) {
        return new InviteStaff(TENANT, who, email, role, "hash-" + who, EXPIRES);
    }

    private StaffJoined joined(UserId who, Role role) {
        return new StaffJoined(TENANT, who, "Someone", role);
    }

    @Nested
    class Inviting {

        @Test
        void anOwnerInvitesAnyTenantRole() {
            fixture.given(onboarded())
                    .when(invite(SECOND, "Sara@Gulf.test", Role.OWNER), as(Role.OWNER))
                    .expectEvents(new StaffInvited(TENANT, SECOND, "sara@gulf.test", Role.OWNER,
                            EXPIRES));
        }

        @Test
        void anAdminCannotInviteAnOwner() {
            fixture.given(onboarded())
                    .when(invite(SECOND, "sara@gulf.test", Role.OWNER), as(Role.ADMIN))
                    .expectNoEvents()
                    .expectExceptionMessage("Only an owner may give, change or remove the owner role.");
        }

        @Test
        void anAdminInvitesAMember() {
            fixture.given(onboarded())
                    .when(invite(SECOND, "sara@gulf.test", Role.MEMBER), as(Role.ADMIN))
                    .expectEvents(new StaffInvited(TENANT, SECOND, "sara@gulf.test", Role.MEMBER,
                            EXPIRES));
        }

        @Test
        void platformRolesCannotBeGivenToTenantStaff() {
            fixture.given(onboarded())
                    .when(invite(SECOND, "sara@gulf.test", Role.PLATFORM_ADMIN), as(Role.OWNER))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class);
        }

        @Test
        void anAddressWithAnAccountCannotBeInvited() {
            credentials.add(new dev.saascore.command.identity.StaffCredential(UserId.random(), TenantId.random(),
                    "sara@gulf.test", "Sara", "{bcrypt}x", Set.of(Role.OWNER)));
            fixture.given(onboarded())
                    .when(invite(SECOND, "sara@gulf.test", Role.MEMBER), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionMessage("This e-mail address already has an account or a pending invitation.");
        }

        @Test
        void acceptingTurnsTheInvitationIntoAnAccountWithoutThePasswordInTheEvent() {
            invitations.put("hash-x", new Invitation(SECOND, TENANT, "sara@gulf.test", Role.FINANCE, "hash-x",
                    EXPIRES));
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "sara@gulf.test", Role.FINANCE, Instant.EPOCH))
                    .when(new AcceptInvitation("hash-x", " Sara ", "{bcrypt}secret"))
                    .expectEvents(new StaffJoined(TENANT, SECOND, "Sara", Role.FINANCE));
            assertThat(credentials.byEmail.get("sara@gulf.test").passwordHash()).isEqualTo("{bcrypt}secret");
        }

        @Test
        void anUnknownUsedOrExpiredTokenIsRefused() {
            fixture.given(onboarded())
                    .when(new AcceptInvitation("nobody-has-this", "Sara", "{bcrypt}secret"))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND,
                            "This invitation link is invalid, expired or already used."));
        }
    }

    @Nested
    class Roles {

        @Test
        void anOwnerChangesAnotherMembersRoleWithAReason() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.MEMBER, Instant.EPOCH),
                            joined(SECOND, Role.MEMBER))
                    .when(new ChangeStaffRole(TENANT, SECOND, Role.ADMIN, "Runs the office now"), as(Role.OWNER))
                    .expectEvents(new StaffRoleChanged(TENANT, SECOND, Role.MEMBER, Role.ADMIN, "Runs the office now"));
        }

        @Test
        void theLastActiveOwnerCannotBeDemoted() {
            fixture.given(onboarded())
                    .when(new ChangeStaffRole(TENANT, OWNER, Role.ADMIN, "Stepping back"), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionMessage("The last active owner cannot be demoted. Make someone else an owner first.");
        }

        @Test
        void anOwnerCanBeDemotedOnceAnotherOwnerIsActive() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.OWNER, Instant.EPOCH),
                            joined(SECOND, Role.OWNER))
                    .when(new ChangeStaffRole(TENANT, OWNER, Role.ADMIN, "Stepping back"), as(Role.OWNER))
                    .expectEvents(new StaffRoleChanged(TENANT, OWNER, Role.OWNER, Role.ADMIN, "Stepping back"));
        }

        @Test
        void anInvitedOwnerDoesNotCountAsAnotherActiveOwner() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.OWNER, Instant.EPOCH))
                    .when(new DeactivateStaff(TENANT, OWNER, "Leaving"), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionMessage("The last active owner cannot be deactivated. Make someone else an owner first.");
        }

        @Test
        void anAdminCannotTouchAnOwner() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.ADMIN, Instant.EPOCH),
                            joined(SECOND, Role.ADMIN))
                    .when(new DeactivateStaff(TENANT, OWNER, "Coup"), as(Role.ADMIN))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class);
        }

        @Test
        void unknownPeopleAreNotFound() {
            fixture.given(onboarded())
                    .when(new ChangeStaffRole(TENANT, UserId.random(), Role.ADMIN, "Why"), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionDetails(Rejection.of(Rejection.NOT_FOUND, "No such person on this team."));
        }
    }

    @Nested
    class Deactivation {

        @Test
        void aMemberIsDeactivatedAndReactivatedWithReasons() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.MEMBER, Instant.EPOCH),
                            joined(SECOND, Role.MEMBER))
                    .when(new DeactivateStaff(TENANT, SECOND, "Left the company"), as(Role.ADMIN))
                    .expectEvents(new StaffDeactivated(TENANT, SECOND, "Left the company"));
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.MEMBER, Instant.EPOCH),
                            joined(SECOND, Role.MEMBER), new StaffDeactivated(TENANT, SECOND, "Left"))
                    .when(new ReactivateStaff(TENANT, SECOND, "Came back"), as(Role.ADMIN))
                    .expectEvents(new StaffReactivated(TENANT, SECOND, "Came back"));
        }

        @Test
        void changesNeedAReason() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.MEMBER, Instant.EPOCH))
                    .when(new DeactivateStaff(TENANT, SECOND, " "), as(Role.OWNER))
                    .expectNoEvents()
                    .expectException(CommandExecutionException.class);
        }

        @Test
        void aReactivatedInviteeIsInvitedAgainNotActiveSoTheyDoNotCountAsAnOwner() {
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.OWNER, EXPIRES),
                            new StaffDeactivated(TENANT, SECOND, "Wrong person"),
                            new StaffReactivated(TENANT, SECOND, "Right person after all"))
                    .when(new ChangeStaffRole(TENANT, OWNER, Role.ADMIN, "Stepping back"), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionMessage("The last active owner cannot be demoted. Make someone else an owner first.");
        }

        @Test
        void aReactivatedInviteeCanStillAcceptTheirInvitation() {
            invitations.put("hash-y", new Invitation(SECOND, TENANT, "s@g.test", Role.MEMBER, "hash-y", EXPIRES));
            fixture.given(onboarded(), new StaffInvited(TENANT, SECOND, "s@g.test", Role.MEMBER, EXPIRES),
                            new StaffDeactivated(TENANT, SECOND, "Paused"), new StaffReactivated(TENANT, SECOND, "Resumed"))
                    .when(new AcceptInvitation("hash-y", "Sam", "{bcrypt}x"))
                    .expectEvents(new StaffJoined(TENANT, SECOND, "Sam", Role.MEMBER));
        }

        @Test
        void anActivePersonCannotBeReactivated() {
            fixture.given(onboarded())
                    .when(new ReactivateStaff(TENANT, OWNER, "Again"), as(Role.OWNER))
                    .expectNoEvents()
                    .expectExceptionMessage("This person is not deactivated.");
        }
    }
}
