package dev.saascore.command.ai.gateway;

import dev.saascore.kernel.ai.AiRejectionReason;
import dev.saascore.kernel.messaging.FieldViolation;

import java.time.Duration;
import java.util.List;

/**
 * Why the gateway did not answer a call. {@link Kind} decides the HTTP status at the edge; nothing was charged
 * (a hold, if any, was refunded).
 */
public class AiGatewayRefusal extends RuntimeException {

    public enum Kind {
        /** 400: the request itself is wrong (see violations) */
        INVALID_REQUEST,
        /** 404: no such model is served */
        UNKNOWN_MODEL,
        /** 403: the tenant is suspended */
        TENANT_SUSPENDED,
        /** 429: a quota refused (see reason and retryAfter) */
        QUOTA_EXCEEDED,
        /** 503: quotas cannot be checked (Redis unreachable) and the gateway fails closed */
        QUOTA_STORE_UNAVAILABLE,
        /** 502: the provider failed or is misconfigured */
        PROVIDER_FAILED,
        /** 504: the provider did not answer in time */
        PROVIDER_TIMEOUT,
        /** 503: the provider keeps refusing for load (see retryAfter) */
        PROVIDER_BUSY,
        /** 400: the provider refused the request */
        PROVIDER_REJECTED
    }

    private final Kind kind;
    private final transient List<FieldViolation> violations;
    private final AiRejectionReason reason;
    private final Duration retryAfter;

    AiGatewayRefusal(Kind kind, String message, List<FieldViolation> violations, AiRejectionReason reason,
                     Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.violations = List.copyOf(violations);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    static AiGatewayRefusal invalid(List<FieldViolation> violations) {
        return new AiGatewayRefusal(Kind.INVALID_REQUEST, violations.stream()
                .map(v -> "'" + v.field() + "' " + v.message()).reduce((a, b) -> a + "; " + b).orElse("Invalid request"),
                violations, null, null, null);
    }

    static AiGatewayRefusal of(Kind kind, String message) {
        return new AiGatewayRefusal(kind, message, List.of(), null, null, null);
    }

    public Kind kind() {
        return kind;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** Set for quota refusals and suspension: the reason recorded in {@code AiRequestRejected}. */
    public AiRejectionReason reason() {
        return reason;
    }

    /** When trying again may succeed; null when that does not apply. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
