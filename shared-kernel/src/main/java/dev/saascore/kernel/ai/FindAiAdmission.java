package dev.saascore.kernel.ai;

import dev.saascore.kernel.TenantId;
import dev.saascore.kernel.TenantScoped;
import dev.saascore.kernel.apikey.ApiKeyId;

/**
 * What the gateway needs before it admits a call: is the tenant active, its limits, and the calling key's own
 * budget. Answered by the command side from its command model.
 *
 * @param apiKeyId null when a staff member calls
 */
public record FindAiAdmission(TenantId tenantId, ApiKeyId apiKeyId) implements TenantScoped {
}
