package dev.saascore.command.ai.quota;

/** Redis did not answer (or answered with an error): the gateway fails closed unless configured otherwise. */
public class QuotaStoreUnavailable extends RuntimeException {
    public QuotaStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
