package dev.saascore.command.tenant;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.ai.AiLimitsSet;
import dev.saascore.kernel.ai.SetAiLimits;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.staff.ChangeStaffRole;
import dev.saascore.kernel.staff.DeactivateStaff;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.kernel.staff.ReactivateStaff;
import dev.saascore.kernel.staff.StaffDeactivated;
import dev.saascore.kernel.staff.StaffInvited;
import dev.saascore.kernel.staff.StaffJoined;
import dev.saascore.kernel.staff.StaffReactivated;
import dev.saascore.kernel.staff.StaffRoleChanged;
import dev.saascore.kernel.staff.StaffRules;
import dev.saascore.kernel.staff.StaffSignInUnlocked;
import dev.saascore.kernel.staff.UnlockStaffSignIn;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.tenant.OnboardTenant;
import dev.saascore.kernel.tenant.ReactivateTenant;
import dev.saascore.kernel.tenant.SuspendTenant;
import dev.saascore.kernel.tenant.TenantOnboarded;
import dev.saascore.kernel.tenant.TenantReactivated;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.kernel.tenant.TenantStatus;
import dev.saascore.kernel.tenant.TenantSuspended;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer organisation on the platform: onboarded once, suspended and reactivated with reasons, its AI
 * limits, and the team of staff who act for it (invitations, roles, deactivation). The team lives here because its
 * key rule spans all members: there is always at least one active owner.
 */
@Aggregate(cache = TenantCaching.CACHE)
public class Tenant {

    @AggregateIdentifier
    private TenantId tenantId;
    private TenantStatus status;
    private final Map<UserId, Member> members = new HashMap<>();

    /** @param joined whether the person ever accepted their invitation (reactivation returns them there) */
    private record Member(Role role, StaffStatus status, boolean joined) {
        Member withRole(Role newRole) {
            return new Member(newRole, status, joined);
        }

        Member joinedNow() {
            return new Member(role, StaffStatus.ACTIVE, true);
        }

        Member deactivated() {
            return new Member(role, StaffStatus.DEACTIVATED, joined);
        }

        Member reactivated() {
            return new Member(role, joined ? StaffStatus.ACTIVE : StaffStatus.INVITED, joined);
        }
    }

    protected Tenant() {
        // for Axon
    }

    /** Called by {@link TenantOnboardingHandler} after the input checks and the slug claim. */
    Tenant(OnboardTenant command) {
        apply(new TenantOnboarded(command.tenantId(), command.name().strip(), command.slug(), command.ownerId(),
                command.ownerName().strip(), TenantRules.normaliseEmail(command.ownerEmail()),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(SuspendTenant command) {
        requireReason(command.reason());
        if (status == TenantStatus.SUSPENDED) {
            throw Rejections.conflict("The tenant is already suspended.");
        }
        apply(new TenantSuspended(tenantId, command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(ReactivateTenant command) {
        requireReason(command.reason());
        if (status == TenantStatus.ACTIVE) {
            throw Rejections.conflict("The tenant is already active.");
        }
        apply(new TenantReactivated(tenantId, command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    /** Suspended tenants may get new limits too: they apply once the tenant is active again. */
    @CommandHandler
    void handle(SetAiLimits command) {
        List<FieldViolation> violations = new ArrayList<>();
        if (command.limits() == null) {
            violations.add(new FieldViolation("limits", "Limits are required."));
        } else {
            violations.addAll(command.limits().violations());
        }
        violations.addAll(TenantRules.reason(command.reason()));
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        apply(new AiLimitsSet(tenantId, command.limits(), command.reason().strip(), GenericEventMessage.clock.instant()));
    }

    /** Called by the invitation handler once the address is known to be free. */
    public void invite(InviteStaff command, Caller caller) {
        if (members.containsKey(command.userId())) {
            throw Rejections.conflict("This person is already on the team.");
        }
        requireMayManage(caller, command.role());
        apply(new StaffInvited(tenantId, command.userId(), TenantRules.normaliseEmail(command.email()),
                command.role(), command.expiresAt()));
    }

    /** Called by the invitation handler once the token was redeemed. */
    public void join(UserId userId, String displayName) {
        Member member = members.get(userId);
        if (member == null || member.status() != StaffStatus.INVITED) {
            throw Rejections.refuse(Rejection.of(Rejection.NOT_FOUND,
                    "This invitation link is invalid, expired or already used."));
        }
        apply(new StaffJoined(tenantId, userId, displayName.strip(), member.role()));
    }

    @CommandHandler
    void handle(ChangeStaffRole command, MetaData metaData) {
        requireReason(command.reason());
        List<FieldViolation> roleProblems = StaffRules.role("role", command.role());
        if (!roleProblems.isEmpty()) {
            throw Rejections.invalidInput(roleProblems);
        }
        Member member = member(command.userId());
        if (member.role() == command.role()) {
            throw Rejections.conflict("This person already has the role " + command.role() + ".");
        }
        Caller caller = caller(metaData);
        requireMayManage(caller, member.role());
        requireMayManage(caller, command.role());
        if (member.role() == Role.OWNER) {
            requireAnotherActiveOwner(command.userId(), "demoted");
        }
        apply(new StaffRoleChanged(tenantId, command.userId(), member.role(), command.role(), command.reason().strip()));
    }

    @CommandHandler
    void handle(DeactivateStaff command, MetaData metaData) {
        requireReason(command.reason());
        Member member = member(command.userId());
        if (member.status() == StaffStatus.DEACTIVATED) {
            throw Rejections.conflict("This person is already deactivated.");
        }
        requireMayManage(caller(metaData), member.role());
        if (member.role() == Role.OWNER) {
            requireAnotherActiveOwner(command.userId(), "deactivated");
        }
        apply(new StaffDeactivated(tenantId, command.userId(), command.reason().strip()));
    }

    @CommandHandler
    void handle(ReactivateStaff command, MetaData metaData) {
        requireReason(command.reason());
        Member member = member(command.userId());
        if (member.status() != StaffStatus.DEACTIVATED) {
            throw Rejections.conflict("This person is not deactivated.");
        }
        requireMayManage(caller(metaData), member.role());
        apply(new StaffReactivated(tenantId, command.userId(), command.reason().strip()));
    }

    @CommandHandler
    void handle(UnlockStaffSignIn command, MetaData metaData) {
        requireReason(command.reason());
        Member member = member(command.userId());
        requireMayManage(caller(metaData), member.role());
        apply(new StaffSignInUnlocked(tenantId, command.userId(), command.reason().strip()));
    }

    private Member member(UserId userId) {
        Member member = members.get(userId);
        if (member == null) {
            throw Rejections.refuse(Rejection.of(Rejection.NOT_FOUND, "No such person on this team."));
        }
        return member;
    }

    private static Caller caller(MetaData metaData) {
        return Caller.fromMetaData(metaData).orElseThrow(
                () -> Rejections.refuse(Rejection.of(Rejection.FORBIDDEN, "Sign in first.")));
    }

    /** Owners (and platform administrators) manage everyone; admins manage everyone but owners. */
    private static void requireMayManage(Caller caller, Role role) {
        boolean allowed = caller.isPlatformAdmin() || caller.roles().contains(Role.OWNER)
                || (caller.roles().contains(Role.ADMIN) && role != Role.OWNER);
        if (!allowed) {
            throw Rejections.refuse(Rejection.of(Rejection.FORBIDDEN, "Only an owner may give, change or remove the owner role."));
        }
    }

    private void requireAnotherActiveOwner(UserId leaving, String change) {
        boolean another = members.entrySet().stream().anyMatch(entry -> !entry.getKey().equals(leaving)
                && entry.getValue().role() == Role.OWNER && entry.getValue().status() == StaffStatus.ACTIVE);
        if (!another) {
            throw Rejections.conflict("The last active owner cannot be " + change + ". Make someone else an owner first.");
        }
    }

    private static void requireReason(String reason) {
        List<FieldViolation> violations = TenantRules.reason(reason);
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
    }

    @EventSourcingHandler
    void on(TenantOnboarded event) {
        tenantId = event.tenantId();
        status = TenantStatus.ACTIVE;
        members.put(event.ownerId(), new Member(Role.OWNER, StaffStatus.ACTIVE, true));
    }

    @EventSourcingHandler
    void on(StaffInvited event) {
        members.put(event.userId(), new Member(event.role(), StaffStatus.INVITED, false));
    }

    @EventSourcingHandler
    void on(StaffJoined event) {
        members.computeIfPresent(event.userId(), (id, member) -> member.joinedNow());
    }

    @EventSourcingHandler
    void on(StaffRoleChanged event) {
        members.computeIfPresent(event.userId(), (id, member) -> member.withRole(event.role()));
    }

    @EventSourcingHandler
    void on(StaffDeactivated event) {
        members.computeIfPresent(event.userId(), (id, member) -> member.deactivated());
    }

    @EventSourcingHandler
    void on(StaffReactivated event) {
        members.computeIfPresent(event.userId(), (id, member) -> member.reactivated());
    }

    @EventSourcingHandler
    void on(TenantSuspended event) {
        status = TenantStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(TenantReactivated event) {
        status = TenantStatus.ACTIVE;
    }
}
