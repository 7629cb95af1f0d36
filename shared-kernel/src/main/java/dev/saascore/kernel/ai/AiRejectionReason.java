package dev.saascore.kernel.ai;

/** Why the gateway refused a call (auditors see it in {@link AiRequestRejected}). */
public enum AiRejectionReason {
    TOKEN_BUDGET_EXHAUSTED,
    API_KEY_BUDGET_EXHAUSTED,
    RATE_LIMITED,
    TOO_MANY_CONCURRENT_REQUESTS,
    TENANT_SUSPENDED,
    QUOTA_STORE_UNAVAILABLE
}
