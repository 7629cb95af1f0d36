package dev.saascore.command.staff;

import dev.saascore.command.identity.StaffCredential;
import dev.saascore.command.identity.StaffCredentials;
import dev.saascore.command.messaging.Rejections;
import dev.saascore.command.tenant.Tenant;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import dev.saascore.kernel.staff.AcceptInvitation;
import dev.saascore.kernel.staff.InviteStaff;
import dev.saascore.kernel.staff.StaffRules;
import dev.saascore.kernel.tenant.TenantRules;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Invitations need platform-wide checks (an e-mail address signs in to one account only) and a token
 * store, so they run here, in the command's transaction, around the Tenant aggregate's team rules.
 */
@Component
public class StaffInvitationHandler {

    private final Repository<Tenant> tenants;
    private final Invitations invitations;
    private final StaffCredentials credentials;

    public StaffInvitationHandler(Repository<Tenant> tenants, Invitations invitations, StaffCredentials credentials) {
        this.tenants = tenants;
        this.invitations = invitations;
        this.credentials = credentials;
    }

    @CommandHandler
    public void handle(InviteStaff command, MetaData metaData) {
        List<FieldViolation> violations = new ArrayList<>(StaffRules.invitation(command.email(), command.role()));
        if (command.userId() == null || command.tokenHash() == null || command.expiresAt() == null
                || !command.expiresAt().isAfter(GenericEventMessage.clock.instant())) {
            violations.add(new FieldViolation("invitation", "The invitation is incomplete or already expired."));
        }
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        String email = TenantRules.normaliseEmail(command.email());
        if (credentials.isInUse(email) || !invitations.add(new Invitation(command.userId(), command.tenantId(),
                email, command.role(), command.tokenHash(), command.expiresAt()))) {
            throw Rejections.conflict("email", "This e-mail address already has an account or a pending invitation.");
        }
        Caller caller = Caller.fromMetaData(metaData).orElseThrow();
        tenants.load(command.tenantId().toString()).execute(tenant -> tenant.invite(command, caller));
    }

    @CommandHandler
    public void handle(AcceptInvitation command) {
        List<FieldViolation> violations = new ArrayList<>();
        String nameProblem = TenantRules.nameProblem(command.displayName());
        if (nameProblem != null) {
            violations.add(new FieldViolation("displayName", nameProblem));
        }
        if (command.passwordHash() == null || command.passwordHash().isBlank()) {
            violations.add(new FieldViolation("password", "A password is required."));
        }
        if (!violations.isEmpty()) {
            throw Rejections.invalidInput(violations);
        }
        Invitation invitation = invitations.redeem(command.tokenHash()).orElseThrow(() -> Rejections.refuse(
                Rejection.of(Rejection.NOT_FOUND, "This invitation link is invalid, expired or already used.")));
        StaffCredential credential = new StaffCredential(invitation.userId(), invitation.tenantId(),
                invitation.email(), command.displayName().strip(), command.passwordHash(), Set.of(invitation.role()));
        if (!credentials.add(credential)) {
            throw Rejections.conflict("An account with this e-mail address already exists.");
        }
        tenants.load(invitation.tenantId().toString()).execute(tenant -> tenant.join(invitation.userId(),
                command.displayName()));
    }
}
