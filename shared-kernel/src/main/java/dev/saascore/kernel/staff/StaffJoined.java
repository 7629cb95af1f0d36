package dev.saascore.kernel.staff;

import dev.saascore.kernel.PersonalData;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import dev.saascore.kernel.identity.Role;
import org.axonframework.serialization.Revision;

/** An invited person accepted and set their password: from now on they can sign in. */
@Revision("1")
public record StaffJoined(TenantId tenantId, UserId userId, @PersonalData(subject = "userId") String displayName,
                          Role role) implements TenantScoped {
}
