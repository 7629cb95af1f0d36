package dev.saascore.kernel.identity;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.UserId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.UUID;

/**
 * An already-rotated refresh token was presented again: someone holds a copy. The whole token family (every
 * session descended from that sign-in) was revoked. Recorded for auditors.
 *
 * @param tenantId null for platform staff
 */
@Revision("1")
public record RefreshTokenReuseDetected(TenantId tenantId, UserId userId, UUID familyId, Instant detectedAt)
        implements TenantScoped {
}
