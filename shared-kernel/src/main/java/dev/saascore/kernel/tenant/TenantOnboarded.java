package dev.saascore.kernel.tenant;

import dev.saascore.kernel.PersonalData;
import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record TenantOnboarded(
        TenantId tenantId,
        String name,
        String slug,
        UserId ownerId,
        @PersonalData(subject = "ownerId") String ownerName,
        @PersonalData(subject = "ownerId") String ownerEmail,
        Instant onboardedAt) implements TenantScoped {
}
