package dev.saascore.ui.views;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.staff.ChangeStaffRole;
import dev.saascore.kernel.staff.DeactivateStaff;
import dev.saascore.kernel.staff.ListStaff;
import dev.saascore.kernel.staff.ReactivateStaff;
import dev.saascore.kernel.staff.StaffList;
import dev.saascore.kernel.staff.StaffMember;
import dev.saascore.kernel.staff.StaffRules;
import dev.saascore.kernel.staff.StaffStatus;
import dev.saascore.kernel.staff.UnlockStaffSignIn;
import dev.saascore.kernel.tenant.TenantRules;
import dev.saascore.ui.mail.StaffInvitationMail;
import dev.saascore.ui.messaging.Refusals;
import dev.saascore.ui.security.StaffPrincipal;
import dev.saascore.ui.security.signin.SignInThrottle;
import jakarta.annotation.security.RolesAllowed;
import org.axonframework.queryhandling.QueryGateway;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A tenant's team: everyone sees it; owners and admins invite, change roles, deactivate and reactivate. */
@Route(value = "team", layout = MainLayout.class)
@PageTitle("Team · SaaS core")
@RolesAllowed({"OWNER", "ADMIN", "MEMBER", "FINANCE", "AUDITOR"})
public class TeamView extends VerticalLayout {

    private final CommandsAwaitingProjections commands;
    private final QueryGateway queries;
    private final StaffInvitationMail invitations;
    private final SignInThrottle throttle;
    private final TenantId tenantId;
    private final boolean isOwner;
    private final boolean mayManage;
    private final Grid<StaffMember> grid = new Grid<>(StaffMember.class, false);

    public TeamView(CommandsAwaitingProjections commands, QueryGateway queries, StaffInvitationMail invitations,
                    SignInThrottle throttle, AuthenticationContext authentication) {
        this.commands = commands;
        this.queries = queries;
        this.invitations = invitations;
        this.throttle = throttle;
        StaffPrincipal principal = authentication.getAuthenticatedUser(StaffPrincipal.class).orElseThrow();
        this.tenantId = principal.account().tenantId();
        this.isOwner = principal.hasRole(Role.OWNER);
        this.mayManage = isOwner || principal.hasRole(Role.ADMIN);
        setSizeFull();

        HorizontalLayout header = ViewHeader.of("Team");
        if (mayManage) {
            Button invite = new Button("Invite", VaadinIcon.ENVELOPE.create(), click -> openInvitation());
            invite.setId("invite-staff");
            invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(invite);
        }

        grid.setId("team");
        grid.addColumn(member -> member.displayName() == null ? "(invited)" : member.displayName())
                .setHeader("Name").setAutoWidth(true);
        grid.addColumn(StaffMember::email).setHeader("E-mail").setAutoWidth(true);
        grid.addColumn(member -> Labels.role(member.role())).setHeader("Role").setAutoWidth(true);
        grid.addComponentColumn(TeamView::statusBadge).setHeader("Status").setAutoWidth(true);
        if (mayManage) {
            grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true);
        }
        add(header, grid);
        expand(grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(queries.query(new ListStaff(tenantId), StaffList.class).join().members());
    }

    private static Span statusBadge(StaffMember member) {
        Span badge = new Span(switch (member.status()) {
            case INVITED -> "Invited";
            case ACTIVE -> "Active";
            case DEACTIVATED -> "Deactivated";
        });
        badge.getElement().getThemeList().add(switch (member.status()) {
            case INVITED -> "badge";
            case ACTIVE -> "badge success";
            case DEACTIVATED -> "badge error";
        });
        return badge;
    }

    private HorizontalLayout actions(StaffMember member) {
        Button role = new Button("Change role", click -> openRoleChange(member));
        role.setId("role-" + member.email());
        boolean active = member.status() != StaffStatus.DEACTIVATED;
        Button status = new Button(active ? "Deactivate" : "Reactivate", click -> askReason(member, active));
        status.setId((active ? "deactivate-" : "reactivate-") + member.email());
        role.addThemeVariants(ButtonVariant.LUMO_SMALL);
        status.addThemeVariants(ButtonVariant.LUMO_SMALL, active ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS);
        Button unlock = new Button("Unlock sign-in", click -> askUnlockReason(member));
        unlock.setId("unlock-" + member.email());
        unlock.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        boolean manageable = isOwner || member.role() != Role.OWNER;
        role.setEnabled(manageable);
        status.setEnabled(manageable);
        unlock.setEnabled(manageable && member.status() == StaffStatus.ACTIVE);
        return new HorizontalLayout(role, status, unlock);
    }

    private Select<Role> roleChoice(String label) {
        Select<Role> role = new Select<>();
        role.setLabel(label);
        role.setItems(Role.tenantRoles().stream().filter(r -> isOwner || r != Role.OWNER).toList());
        role.setItemLabelGenerator(Labels::role);
        return role;
    }

    private void openInvitation() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Invite to the team");
        EmailField email = new EmailField("E-mail");
        email.setId("invite-email");
        email.setMaxLength(TenantRules.EMAIL_MAX);
        email.setWidthFull();
        Select<Role> role = roleChoice("Role");
        role.setId("invite-role");
        role.setValue(Role.MEMBER);
        dialog.add(new VerticalLayout(email, role));
        Button send = new Button("Send invitation", click -> {
            email.setInvalid(false);
            role.setInvalid(false);
            List<FieldViolation> violations = StaffRules.invitation(email.getValue(), role.getValue());
            Optional<Rejection> refusal = violations.isEmpty()
                    ? invite(email.getValue().strip(), role.getValue())
                    : Optional.of(new Rejection(Rejection.INVALID_INPUT, "Some fields need attention.", violations));
            refusal.map(Rejection::violations).orElse(List.of()).forEach(violation -> {
                HasValidation field = violation.field().equals("role") ? role : email;
                field.setErrorMessage(violation.message());
                field.setInvalid(true);
            });
            if (refusal.isEmpty()) {
                dialog.close();
            }
        });
        send.setId("invite-submit");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), send);
        dialog.open();
    }

    /** Sends the invitation and its mail; returns the platform's refusal, if any. */
    private Optional<Rejection> invite(String email, Role role) {
        StaffInvitationMail.PreparedInvitation invitation = invitations.prepare(tenantId, email, role);
        Optional<Rejection> refusal = send(invitation.command(), invitation.command().userId());
        if (refusal.isEmpty()) {
            invitations.send(invitation);
            Notification.show("Invitation sent to " + email + ".", 3000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        }
        return refusal;
    }

    private void openRoleChange(StaffMember member) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Change the role of " + member.email());
        Select<Role> role = roleChoice("New role");
        role.setId("new-role");
        ReasonField reason = new ReasonField("staff-reason", null);
        dialog.add(new VerticalLayout(role, reason));
        Button confirm = new Button("Change role", click -> {
            if (reason.isMissing()) {
                return;
            }
            if (role.getValue() == null) {
                role.setErrorMessage("Choose a role.");
                role.setInvalid(true);
                return;
            }
            if (send(new ChangeStaffRole(tenantId, member.userId(), role.getValue(), reason.getValue()), member.userId())
                    .isEmpty()) {
                dialog.close();
            }
        });
        confirm.setId("role-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", click -> dialog.close()), confirm);
        dialog.open();
    }

    private void askReason(StaffMember member, boolean deactivate) {
        Function<String, Object> command = reason -> deactivate
                ? new DeactivateStaff(tenantId, member.userId(), reason)
                : new ReactivateStaff(tenantId, member.userId(), reason);
        new ReasonDialog((deactivate ? "Deactivate " : "Reactivate ") + member.email(), "staff-reason",
                deactivate ? "They are signed out and can no longer sign in." : "They can sign in again.",
                deactivate ? "Deactivate" : "Reactivate", "staff-confirm",
                reason -> send(command.apply(reason), member.userId()).isEmpty(),
                deactivate ? ButtonVariant.LUMO_ERROR : ButtonVariant.LUMO_SUCCESS).open();
    }

    /** Lifts a lockout from too many failed sign-ins: recorded as an event, then the counters are cleared. */
    private void askUnlockReason(StaffMember member) {
        new ReasonDialog("Unlock the sign-in of " + member.email(), "staff-reason", null, "Unlock", "unlock-confirm",
                reason -> {
                    try {
                        commands.send(new UnlockStaffSignIn(tenantId, member.userId(), reason));
                    } catch (RuntimeException failure) {
                        Rejection rejection = Refusals.rejection(failure).orElseThrow(() -> failure);
                        Notification.show(rejection.message(), 5000, Notification.Position.MIDDLE)
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        return false;
                    }
                    throttle.unlock(member.email());
                    Notification.show(member.email() + " can sign in again.", 3000, Notification.Position.BOTTOM_START)
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    return true;
                }).open();
    }

    /** Sends and waits for the team list to show the change; returns the platform's refusal, if any. */
    private Optional<Rejection> send(Object command, UserId changed) {
        Optional<Rejection> refusal = commands.sendOrRefusal(command, new ListStaff(tenantId), StaffList.class,
                StaffMember.class, member -> member.userId().equals(changed));
        refresh();
        return refusal;
    }
}
