package dev.saascore.kernel.identity;

import dev.saascore.kernel.UserId;
import dev.saascore.kernel.messaging.PlatformAdministration;

/**
 * Creates or updates the platform administrator's credential from configuration at start-up.
 * The password arrives hashed.
 */
public record RegisterPlatformAdministrator(UserId userId, String email, String displayName, String passwordHash)
        implements PlatformAdministration {

    @Override
    public String toString() {
        return "RegisterPlatformAdministrator[userId=" + userId + "]";
    }
}
