package dev.saascore.command.staff;

import dev.saascore.command.identity.StaffCredentials;
import dev.saascore.command.messaging.CommandModel;
import dev.saascore.kernel.staff.StaffDeactivated;
import dev.saascore.kernel.staff.StaffJoined;
import dev.saascore.kernel.staff.StaffReactivated;
import dev.saascore.kernel.staff.StaffRoleChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps sign-in credentials in step with the team's events, so a demotion or deactivation holds from the
 * moment it commits.
 */
@Component
@ProcessingGroup(CommandModel.PROCESSING_GROUP)
class StaffCredentialUpdater {

    private final StaffCredentials credentials;

    StaffCredentialUpdater(StaffCredentials credentials) {
        this.credentials = credentials;
    }

    @EventHandler
    void on(StaffJoined event) {
        credentials.changeRole(event.userId(), event.role());
    }

    @EventHandler
    void on(StaffRoleChanged event) {
        credentials.changeRole(event.userId(), event.role());
    }

    @EventHandler
    void on(StaffDeactivated event) {
        credentials.changeActive(event.userId(), false);
    }

    @EventHandler
    void on(StaffReactivated event) {
        credentials.changeActive(event.userId(), true);
    }
}
