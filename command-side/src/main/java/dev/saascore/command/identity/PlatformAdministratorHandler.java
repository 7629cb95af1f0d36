package dev.saascore.command.identity;

import dev.saascore.command.messaging.Rejections;
import dev.saascore.kernel.identity.RegisterPlatformAdministrator;
import dev.saascore.kernel.identity.Role;
import dev.saascore.kernel.tenant.TenantRules;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

import java.util.Set;

@Component
class PlatformAdministratorHandler {

    private final StaffCredentials credentials;

    PlatformAdministratorHandler(StaffCredentials credentials) {
        this.credentials = credentials;
    }

    @CommandHandler
    void handle(RegisterPlatformAdministrator command) {
        StaffCredential credential = new StaffCredential(command.userId(), null,
                TenantRules.normaliseEmail(command.email()), command.displayName(), command.passwordHash(),
                Set.of(Role.PLATFORM_ADMIN));
        if (!credentials.upsertPlatformStaff(credential)) {
            throw Rejections.conflict("The platform administrator's e-mail address belongs to tenant staff.");
        }
    }
}
