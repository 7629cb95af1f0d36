package dev.saascore.kernel.ai;

/**
 * @param limits         the tenant's limits (the configured defaults until an administrator sets them)
 * @param limitsExplicit false while the defaults apply
 * @param apiKeyBudget   the calling key's own monthly token budget; null: none (or a staff caller)
 */
public record AiAdmission(boolean tenantActive, AiLimits limits, boolean limitsExplicit, Long apiKeyBudget) {
}
