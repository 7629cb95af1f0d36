package dev.saascore.command.ai.provider;

/** A provider failed or refused; {@link Kind} says how, so the gateway can answer with a fitting status. */
public class ProviderException extends RuntimeException {

    public enum Kind {
        /** connection refused, 5xx after retries, malformed answer: 502 */
        UNAVAILABLE,
        /** no answer within the timeout: 504 */
        TIMEOUT,
        /** the upstream kept answering 429 after retries: 503 with Retry-After */
        RATE_LIMITED,
        /** the upstream refused the request (4xx other than 429, e.g. context too long): 400 */
        REJECTED,
        /** the upstream refused our credentials (401/403): 502, and operators must look */
        MISCONFIGURED
    }

    private final Kind kind;

    public ProviderException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ProviderException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
