package dev.saascore.kernel.staff;

import dev.saascore.kernel.PersonalData;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record StaffInvited(TenantId tenantId, UserId userId, @PersonalData(subject = "userId") String email,
                           Role role, Instant expiresAt) implements TenantScoped {
}
