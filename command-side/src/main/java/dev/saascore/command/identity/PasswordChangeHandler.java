package dev.saascore.command.identity;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.identity.ChangeOwnPassword;
import dev.saascore.kernel.identity.StaffPasswordChanged;
import dev.saascore.kernel.messaging.Caller;
import dev.saascore.kernel.messaging.FieldViolation;
import dev.saascore.kernel.messaging.Rejection;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.util.List;

/** Replaces a credential's hash and records that it happened (never the hash itself). */
@Component
class PasswordChangeHandler {

    private final StaffCredentials credentials;
    private final EventGateway events;

    PasswordChangeHandler(StaffCredentials credentials, EventGateway events) {
        this.credentials = credentials;
        this.events = events;
    }

    @CommandHandler
    void handle(ChangeOwnPassword command, MetaData metaData) {
        Caller caller = Caller.fromMetaData(metaData)
                .filter(sender -> sender.actorId().equals(String.valueOf(command.userId())))
                .orElseThrow(() -> Rejections.refuse(Rejection.of(Rejection.FORBIDDEN,
                        "Only the person themselves may change their password.")));
        if (caller.tenantId() == null) {
            // the seeder re-applies PLATFORM_ADMIN_PASSWORD at every start; a change here would not last
            throw Rejections.refuse(Rejection.of(Rejection.FORBIDDEN,
                    "The platform administrator's password is set by PLATFORM_ADMIN_PASSWORD."));
        }
        if (command.newPasswordHash() == null || command.newPasswordHash().isBlank()) {
            throw Rejections.invalidInput(List.of(new FieldViolation("newPassword", "A new password is required.")));
        }
        StaffCredentials.Owner owner = credentials.changePassword(command.userId(), command.newPasswordHash())
                .orElseThrow(() -> Rejections.refuse(Rejection.of(Rejection.NOT_FOUND, "No such account.")));
        // published inside this command's unit of work: stored in the same transaction as the new hash
        events.publish(new StaffPasswordChanged(owner.tenantId(), command.userId(), GenericEventMessage.clock.instant()));
    }
}
