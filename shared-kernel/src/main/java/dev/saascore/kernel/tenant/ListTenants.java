package dev.saascore.kernel.tenant;

import dev.saascore.kernel.messaging.PlatformAdministration;

/** The platform-wide tenant directory, newest first. Platform administrators only. */
public record ListTenants() implements PlatformAdministration {
}
